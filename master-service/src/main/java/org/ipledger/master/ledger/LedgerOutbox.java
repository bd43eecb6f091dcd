package org.ipledger.master.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ipledger.master.jdbc.MultiRowInsert;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every change to the ledger outbox in the transaction that makes it (I3). Entries are
 * collected during the transaction and written just before its commit, so the time between an
 * outbox id being taken and becoming visible is as short as it can be; the
 * {@link LedgerSequencer} then numbers them.
 */
@Component
public class LedgerOutbox {

    private static final MultiRowInsert<Entry> INSERT = new MultiRowInsert<>(
            "INSERT INTO ledger_outbox (type, entity_key, platform_id, request_id, committed_at, entity)",
            "(?, ?, ?, ?, UTC_TIMESTAMP(6), ?)", (ps, first, entry) -> {
                ps.setString(first, entry.type());
                ps.setString(first + 1, entry.entityKey());
                ps.setString(first + 2, entry.platformId());
                ps.setString(first + 3, entry.requestId());
                ps.setString(first + 4, entry.entity());
            });

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final LedgerSequencer sequencer;

    LedgerOutbox(JdbcTemplate jdbc, JsonMapper json, LedgerSequencer sequencer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sequencer = sequencer;
    }

    /** Records a change of the current transaction; fails outside a transaction. */
    public void append(LedgerEntryType type, String entityKey, String platformId, Optional<String> requestId,
                       Object entity) {
        PendingEntries pending = pending();
        pending.entries.add(new Entry(type.wireName(), entityKey, platformId, requestId.or(() -> pending.requestId)
                .orElse(null), json.writeValueAsString(entity)));
    }

    /**
     * Attributes the entries of the current transaction that name no request to this one, e.g. the
     * event id of a platform's change applied through the services the REST API uses.
     */
    public void attributeTo(String requestId) {
        pending().requestId = Optional.of(requestId);
    }

    private PendingEntries pending() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a ledger entry is written in the transaction of its change");
        }
        PendingEntries pending = (PendingEntries) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingEntries();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    private void write(List<Entry> entries) {
        INSERT.insert(jdbc, entries);
    }

    private record Entry(String type, String entityKey, String platformId, String requestId, String entity) {
    }

    /** The entries of one transaction, written by its before-commit callback. */
    private final class PendingEntries implements TransactionSynchronization {

        final List<Entry> entries = new ArrayList<>();
        Optional<String> requestId = Optional.empty();

        @Override
        public void beforeCommit(boolean readOnly) {
            write(entries);
        }

        @Override
        public void afterCommit() {
            sequencer.wakeUp();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LedgerOutbox.this);
        }
    }
}
