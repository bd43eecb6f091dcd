package org.ipledger.master.ledger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The SQL of the ledger's positions: the sequencer's row lock, numbering, and publication. */
@Repository
class LedgerPositions {

    private static final String ENTRY_COLUMNS =
            "SELECT id, type, entity_key, platform_id, request_id, committed_at, entity FROM ledger_outbox ";
    private static final RowMapper<OutboxEntry> OUTBOX_ENTRY = (rs, n) -> new OutboxEntry(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC),
            rs.getString(7));

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

    /** As {@link #unnumberedIdsAfter}, with each entry's content. */
    List<OutboxEntry> unnumberedAfter(long lastOutboxId, int limit) {
        return jdbc.query(ENTRY_COLUMNS + "WHERE id > ? ORDER BY id LIMIT ?", OUTBOX_ENTRY, lastOutboxId, limit);
    }

    /**
     * Gives the ids consecutive sequence numbers from {@code firstSeq}, in the order given. Outbox
     * ids mostly come in runs (a migration chunk commits thousands at once), and each run of
     * consecutive ids is recorded as one row of {@code ledger_run}, not written into every entry.
     */
    void number(List<Long> ids, long firstSeq) {
        List<Object[]> runs = new ArrayList<>();
        int start = 0;
        while (start < ids.size()) {
            int end = start;
            while (end + 1 < ids.size() && ids.get(end + 1) == ids.get(end) + 1) {
                end++;
            }
            runs.add(new Object[] {firstSeq + start, ids.get(start), ids.get(end)});
            start = end + 1;
        }
        jdbc.batchUpdate("INSERT INTO ledger_run (first_seq, first_outbox_id, last_outbox_id) VALUES (?, ?, ?)", runs);
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
        List<NumberedEntry> entries = new ArrayList<>();
        for (Run run : runsFrom(seq + 1, limit)) {
            long firstId = run.firstOutboxId() + Math.max(0, seq + 1 - run.firstSeq());
            long lastId = Math.min(run.lastOutboxId(), firstId + limit - entries.size() - 1);
            for (OutboxEntry entry : jdbc.query(ENTRY_COLUMNS + "WHERE id BETWEEN ? AND ? ORDER BY id", OUTBOX_ENTRY,
                    firstId, lastId)) {
                entries.add(entry.numbered(run.firstSeq() + entry.id() - run.firstOutboxId()));
            }
            if (entries.size() >= limit) {
                break;
            }
        }
        return entries;
    }

    /**
     * The runs holding the sequence numbers from {@code seq} on without a gap: the one it falls
     * in, then the next ones. The two reads may see different commits of the sequencer: a run
     * that is not contiguous with what came before (its predecessor committed between them) ends
     * the list, and the next pass reads on from there.
     */
    private List<Run> runsFrom(long seq, int limit) {
        RowMapper<Run> run = (rs, n) -> new Run(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        List<Run> found = new ArrayList<>(jdbc.query("SELECT first_seq, first_outbox_id, last_outbox_id FROM ledger_run "
                + "WHERE first_seq <= ? ORDER BY first_seq DESC LIMIT 1", run, seq));
        found.removeIf(r -> r.lastSeq() < seq);
        found.addAll(jdbc.query("SELECT first_seq, first_outbox_id, last_outbox_id FROM ledger_run "
                + "WHERE first_seq > ? ORDER BY first_seq LIMIT ?", run, seq, limit));
        List<Run> contiguous = new ArrayList<>();
        long expected = seq;
        for (Run r : found) {
            if (r.firstSeq() > expected) {
                break;
            }
            contiguous.add(r);
            expected = r.lastSeq() + 1;
        }
        return contiguous;
    }

    private record Run(long firstSeq, long firstOutboxId, long lastOutboxId) {

        long lastSeq() {
            return firstSeq + lastOutboxId - firstOutboxId;
        }
    }

    void published(long seq) {
        jdbc.update("UPDATE ledger_publication SET published_seq = ? WHERE id = 1", seq);
    }

    /** Where the sequencer stands. */
    record Position(long lastOutboxId, long lastSeq) {
    }

    /** An outbox entry as written; {@code entity} is its JSON. */
    record OutboxEntry(long id, String type, String entityKey, String platformId, String requestId, Instant committedAt,
                       String entity) {

        NumberedEntry numbered(long seq) {
            return new NumberedEntry(seq, type, entityKey, platformId, requestId, committedAt, entity);
        }
    }

    /** A numbered outbox entry, ready to publish; {@code entity} is its JSON. */
    record NumberedEntry(long seq, String type, String entityKey, String platformId, String requestId,
                         Instant committedAt, String entity) {
    }
}
