package org.ipledger.master.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ipledger.schemas.ledger.LedgerEntryType;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every change to the ledger outbox in the transaction that makes it (I3). Entries are
 * collected during the transaction and written just before its commit, when they take their
 * sequence numbers from the counter row: its lock, held until the commit, hands the numbers out
 * in commit order and without gaps.
 */
@Component
public class LedgerOutbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    LedgerOutbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a change of the current transaction; fails outside a transaction. */
    public void append(LedgerEntryType type, String entityKey, String platformId, Optional<String> requestId,
                       Object entity) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a ledger entry is written in the transaction of its change");
        }
        PendingEntries pending = (PendingEntries) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingEntries();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.entries.add(new Entry(type.wireName(), entityKey, platformId, requestId.orElse(null),
                json.writeValueAsString(entity)));
    }

    private void write(List<Entry> entries) {
        jdbc.update("UPDATE ledger_sequence SET last_seq = LAST_INSERT_ID(last_seq + ?) WHERE id = 1", entries.size());
        long first = jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class) - entries.size() + 1;
        jdbc.batchUpdate("INSERT INTO ledger_outbox (seq, type, entity_key, platform_id, request_id, committed_at, entity) "
                + "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        Entry entry = entries.get(i);
                        ps.setLong(1, first + i);
                        ps.setString(2, entry.type());
                        ps.setString(3, entry.entityKey());
                        ps.setString(4, entry.platformId());
                        ps.setString(5, entry.requestId());
                        ps.setString(6, entry.entity());
                    }

                    @Override
                    public int getBatchSize() {
                        return entries.size();
                    }
                });
    }

    private record Entry(String type, String entityKey, String platformId, String requestId, String entity) {
    }

    /** The entries of one transaction, written by its before-commit callback. */
    private final class PendingEntries implements TransactionSynchronization {

        final List<Entry> entries = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            write(entries);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LedgerOutbox.this);
        }
    }
}
