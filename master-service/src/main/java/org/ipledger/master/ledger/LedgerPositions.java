package org.ipledger.master.ledger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

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
        return jdbc.queryForObject("SELECT last_outbox_id, last_seq FROM ledger_position WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Position(rs.getLong(1), rs.getLong(2)));
    }

    List<Long> unnumberedIdsAfter(long lastOutboxId, int limit) {
        return jdbc.queryForList("SELECT id FROM ledger_outbox WHERE id > ? ORDER BY id LIMIT ?", Long.class,
                lastOutboxId, limit);
    }

    /**
     * Gives the ids consecutive sequence numbers from {@code firstSeq}, in the order given. Outbox
     * ids mostly come in runs (a migration chunk commits thousands at once), so each run of
     * consecutive ids is numbered by one statement rather than one per entry.
     */
    void number(List<Long> ids, long firstSeq) {
        int start = 0;
        while (start < ids.size()) {
            int end = start;
            while (end + 1 < ids.size() && ids.get(end + 1) == ids.get(end) + 1) {
                end++;
            }
            jdbc.update("UPDATE ledger_outbox SET seq = id + ? WHERE id BETWEEN ? AND ?",
                    firstSeq + start - ids.get(start), ids.get(start), ids.get(end));
            start = end + 1;
        }
    }

    void advance(long lastOutboxId, long lastSeq) {
        jdbc.update("UPDATE ledger_position SET last_outbox_id = ?, last_seq = ? WHERE id = 1", lastOutboxId, lastSeq);
    }

    /** Locks the publisher's row and returns the last sequence number it published. */
    long lockPublished() {
        return jdbc.queryForObject("SELECT published_seq FROM ledger_publication WHERE id = 1 FOR UPDATE", Long.class);
    }

    /** Numbered entries after {@code seq}, in sequence order. */
    List<NumberedEntry> numberedAfter(long seq, int limit) {
        return jdbc.query("SELECT seq, type, entity_key, platform_id, request_id, committed_at, entity FROM ledger_outbox "
                        + "WHERE seq > ? ORDER BY seq LIMIT ?",
                (rs, n) -> new NumberedEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        rs.getString(7)),
                seq, limit);
    }

    void published(long seq) {
        jdbc.update("UPDATE ledger_publication SET published_seq = ? WHERE id = 1", seq);
    }

    /** Where the sequencer stands. */
    record Position(long lastOutboxId, long lastSeq) {
    }

    /** A numbered outbox entry, ready to publish; {@code entity} is its JSON. */
    record NumberedEntry(long seq, String type, String entityKey, String platformId, String requestId,
                         Instant committedAt, String entity) {
    }
}
