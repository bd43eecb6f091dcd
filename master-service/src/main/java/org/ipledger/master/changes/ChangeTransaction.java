package org.ipledger.master.changes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ipledger.master.structure.StructureLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the changes applied in one transaction share: the structure lock once taken, each
 * platform's row mappings and the master's address space as first read. A burst of captured
 * rows applied together then reads them once, not once per row: the networks and ranges this
 * transaction creates are added to the space as read (callers add their mappings themselves),
 * and only an update or a delete of networks, pools or ranges makes what follows read them
 * again. Reading them costs a query and a parse of every network and range of the master, so
 * doing it for each captured network made the master slower the more networks it held.
 */
@Component
class ChangeTransaction {

    private final StructureLock lock;
    private final RowMappings mappings;
    private final MasterSpaces spaces;

    ChangeTransaction(StructureLock lock, RowMappings mappings, MasterSpaces spaces) {
        this.lock = lock;
        this.mappings = mappings;
        this.spaces = spaces;
    }

    /** Takes the structure lock unless this transaction holds it already. */
    void lockStructure() {
        Shared shared = shared();
        if (!shared.locked) {
            shared.version = lock.acquireToRead();
            shared.locked = true;
        }
    }

    /**
     * The platform's mappings; callers that create rows add them to it and tell {@link #created},
     * callers that change or delete rows call {@link #structureChanged()}.
     */
    RowMappings.Mapped mapped(String platformId) {
        return shared().mapped.computeIfAbsent(platformId, mappings::load);
    }

    AddressSpace space() {
        Shared shared = shared();
        if (shared.space == null) {
            // What this transaction changed is its own until it commits, and may roll back: not cached.
            shared.space = shared.locked && !shared.changed ? spaces.at(shared.version) : spaces.load();
        }
        return shared.space;
    }

    /**
     * Networks and ranges this transaction created (and mapped): the space as read gains them.
     * The space is a new one: the one read may be shared with other transactions by its version.
     */
    void created(List<AddressSpace.NetworkSpan> networks, List<AddressSpace.RangeSpan> ranges) {
        if (networks.isEmpty() && ranges.isEmpty()) {
            return;
        }
        Shared shared = shared();
        shared.changed = true;
        if (shared.space != null) {
            shared.space = shared.space.plus(networks, ranges);
        }
    }

    /** Networks, pools, ranges or mappings changed otherwise: read them again when next asked. */
    void structureChanged() {
        Shared shared = shared();
        shared.mapped.clear();
        shared.space = null;
        shared.changed = true;
    }

    private Shared shared() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("changes are applied in a transaction");
        }
        Shared shared = (Shared) TransactionSynchronizationManager.getResource(this);
        if (shared == null) {
            shared = new Shared();
            TransactionSynchronizationManager.bindResource(this, shared);
            TransactionSynchronizationManager.registerSynchronization(shared);
        }
        return shared;
    }

    /** The state of one transaction, dropped when it ends. */
    private final class Shared implements TransactionSynchronization {

        boolean locked;
        long version;
        boolean changed;
        final Map<String, RowMappings.Mapped> mapped = new HashMap<>();
        AddressSpace space;

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ChangeTransaction.this);
        }
    }
}
