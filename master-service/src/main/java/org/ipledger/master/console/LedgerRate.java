package org.ipledger.master.console;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How many entries the ledger numbered in each of the last minutes, from the outbox's commit
 * times. The outbox has no index on its time, and a busy minute holds hundreds of thousands of
 * entries, so nothing is scanned or counted: the last entry before each minute's start is found
 * by a binary search over the primary key (commit times grow with the outbox id, which is the
 * commit order, up to the instant between an insert and its commit: an entry may land in the
 * minute next to its own, never further), and the entries between two minutes are the difference
 * of their sequence numbers, each read from its sequencer run by the run's unique key. About
 * {@code log2(entries)} point reads per minute, whatever the rate.
 */
@Repository
class LedgerRate {

    /** Entries numbered in the minute from {@code start} (UTC). */
    record Minute(LocalDateTime start, long entries) {
    }

    private record Entry(long id, LocalDateTime committedAt) {
    }

    private record Position(LocalDateTime now, long lastOutboxId, long lastSeq) {
    }

    private final JdbcClient jdbc;

    LedgerRate(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last {@code minutes} minutes, oldest first, the current minute (so far) last; in the database's clock. */
    List<Minute> lastMinutes(int minutes) {
        Position position = jdbc.sql("SELECT UTC_TIMESTAMP(6), last_outbox_id, last_seq FROM ledger_position WHERE id = 1")
                .query((rs, n) -> new Position(rs.getObject(1, LocalDateTime.class), rs.getLong(2), rs.getLong(3)))
                .single();
        LocalDateTime first = position.now().truncatedTo(ChronoUnit.MINUTES).minusMinutes(minutes - 1L);
        List<Minute> counts = new ArrayList<>(minutes);
        long lastIdBefore = 0;
        long seqBefore = 0;
        for (int i = 0; i <= minutes; i++) {
            LocalDateTime boundary = first.plusMinutes(i);
            long seq;
            if (i == minutes) {
                seq = position.lastSeq();
            } else {
                lastIdBefore = lastIdBefore(boundary, lastIdBefore, position.lastOutboxId());
                seq = seqOf(lastIdBefore);
            }
            if (i > 0) {
                counts.add(new Minute(boundary.minusMinutes(1), seq - seqBefore));
            }
            seqBefore = seq;
        }
        return counts;
    }

    /**
     * The id of the last numbered entry committed before {@code time}, 0 if none; entries up to
     * {@code from} are known to be before it.
     */
    private long lastIdBefore(LocalDateTime time, long from, long lastOutboxId) {
        long before = from;
        long notBefore = lastOutboxId + 1;
        while (notBefore - before > 1) {
            long middle = before + (notBefore - before) / 2;
            Optional<Entry> next = firstFrom(middle, notBefore);
            if (next.isEmpty() || !next.get().committedAt().isBefore(time)) {
                // Ids between the middle and the next entry are gaps: none of them is before.
                notBefore = middle;
            } else {
                before = next.get().id();
            }
        }
        return before;
    }

    private Optional<Entry> firstFrom(long id, long below) {
        return jdbc.sql("SELECT id, committed_at FROM ledger_outbox WHERE id >= ? AND id < ? ORDER BY id LIMIT 1")
                .params(id, below)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, LocalDateTime.class)))
                .optional();
    }

    private long seqOf(long outboxId) {
        if (outboxId == 0) {
            return 0;
        }
        return jdbc.sql("SELECT first_seq + (? - first_outbox_id) FROM ledger_run WHERE first_outbox_id <= ? "
                        + "ORDER BY first_outbox_id DESC LIMIT 1")
                .params(outboxId, outboxId).query(Long.class).single();
    }
}
