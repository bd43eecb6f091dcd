package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;

/**
 * The writes of one batch of pool operations, in the order they happened, written together in the
 * batch's transaction: address rows, the pool's journal entries and the stored replies.
 */
final class PoolEffects {

    /** One change of a stored address row; {@code status} FREE means the row is deleted. */
    sealed interface RowChange {
        byte[] key();

        IPAddress address();

        long networkId();

        AddressStatus status();

        String platformId();

        Optional<String> requestId();
    }

    record Insert(byte[] key, IPAddress address, long networkId, long poolId, AddressStatus status,
                  Optional<String> owner, String platformId, Optional<String> requestId) implements RowChange {
    }

    record Delete(byte[] key, IPAddress address, long networkId, String platformId, Optional<String> requestId)
            implements RowChange {

        @Override
        public AddressStatus status() {
            return AddressStatus.FREE;
        }
    }

    record Update(byte[] key, IPAddress address, long networkId, AddressStatus status, String platformId,
                  Optional<String> requestId) implements RowChange {
    }

    record ReplyRow(String requestId, String fingerprint, Reply reply, String platformId) {
    }

    private final long poolId;
    private final long version;
    private final List<RowChange> rows = new ArrayList<>();
    private final List<PoolJournal.Entry> journal = new ArrayList<>();
    private final List<ReplyRow> replies = new ArrayList<>();
    private final Map<IPAddress, AddressStatus> written = new HashMap<>();

    PoolEffects(long poolId, long version) {
        this.poolId = poolId;
        this.version = version;
    }

    void insert(IPAddress address, long networkId, AddressStatus status, Optional<String> owner, String platformId,
                Optional<String> requestId) {
        byte[] key = AddressKey.of(address);
        rows.add(new Insert(key, address, networkId, poolId, status, owner, platformId, requestId));
        written.put(address, status);
        journal.add(new PoolJournal.Entry(key, true));
    }

    void delete(IPAddress address, long networkId, String platformId, Optional<String> requestId) {
        byte[] key = AddressKey.of(address);
        rows.add(new Delete(key, address, networkId, platformId, requestId));
        written.put(address, AddressStatus.FREE);
        journal.add(new PoolJournal.Entry(key, false));
    }

    void update(IPAddress address, long networkId, AddressStatus status, String platformId,
                Optional<String> requestId) {
        rows.add(new Update(AddressKey.of(address), address, networkId, status, platformId, requestId));
        written.put(address, status);
    }

    void reply(String requestId, String fingerprint, Reply reply, String platformId) {
        replies.add(new ReplyRow(requestId, fingerprint, reply, platformId));
    }

    /** Statuses written by this batch so far, which the database does not show yet. */
    Map<IPAddress, AddressStatus> writtenStatuses() {
        return written;
    }

    long poolId() {
        return poolId;
    }

    /** The pool version these effects commit, when they change the pool's addresses. */
    long version() {
        return version;
    }

    boolean changesAddresses() {
        return !journal.isEmpty();
    }

    List<RowChange> rows() {
        return rows;
    }

    List<PoolJournal.Entry> journal() {
        return journal;
    }

    List<ReplyRow> replies() {
        return replies;
    }
}
