package org.ipledger.master.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the ledger's positions: the sequencer's row lock, numbering, and publication. */
@Repository
class LedgerPositions {

    private final JdbcTemplate jdbc;

    LedgerPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Position lockPosition() {
        return jdbc.queryForObject("SELECT last_outbox_id, last_seq, published_seq FROM ledger_position WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    List<Long> unnumberedIdsAfter(long lastOutboxId, int limit) {
        return jdbc.queryForList("SELECT id FROM ledger_outbox WHERE id > ? ORDER BY id LIMIT ?", Long.class,
                lastOutboxId, limit);
    }

    /** Gives the ids consecutive sequence numbers from {@code firstSeq}, in the order given. */
    void number(List<Long> ids, long firstSeq) {
        jdbc.batchUpdate("UPDATE ledger_outbox SET seq = ? WHERE id = ?", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setLong(1, firstSeq + i);
                ps.setLong(2, ids.get(i));
            }

            @Override
            public int getBatchSize() {
                return ids.size();
            }
        });
    }

    void advance(long lastOutboxId, long lastSeq) {
        jdbc.update("UPDATE ledger_position SET last_outbox_id = ?, last_seq = ? WHERE id = 1", lastOutboxId, lastSeq);
    }

    /** Where the sequencer and the publisher stand. */
    record Position(long lastOutboxId, long lastSeq, long publishedSeq) {
    }
}
