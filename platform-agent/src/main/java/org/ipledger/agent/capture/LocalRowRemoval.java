package org.ipledger.agent.capture;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.change.PlatformTable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes platform rows the master has confirmed, as the agent's own deletes (recorded first, see
 * {@link OwnDeletes}). Addresses and ranges go at once. A network or pool waits in
 * {@code pending_local_delete} while a local row references it (the platform's foreign keys), and
 * one the platform created after joining also until it has been unused for a grace period: the
 * platform may still be inserting addresses into it, and deleting it under them would make those
 * inserts fail.
 */
public class LocalRowRemoval {

    /** Ids per delete statement: one short transaction each. */
    static final int BATCH = 5_000;

    private final PlatformDatabase platformDatabase;
    private final JdbcTemplate platform;
    private final JdbcTemplate state;
    private final OwnDeletes ownDeletes;
    private final Duration unusedGrace;

    public LocalRowRemoval(PlatformDatabase platform, DataSource stateDataSource, OwnDeletes ownDeletes,
            Duration unusedGrace) {
        this.platformDatabase = platform;
        this.platform = new JdbcTemplate(platform.dataSource());
        this.state = new JdbcTemplate(stateDataSource);
        this.ownDeletes = ownDeletes;
        this.unusedGrace = unusedGrace;
    }

    /**
     * Deletes the rows of these runs that are still there, in batches, reporting each batch's
     * count; networks and pools still referenced wait.
     *
     * @return how many rows were deleted
     */
    public synchronized long remove(PlatformTable table, List<IdRun> runs, LongConsumer deleted) {
        long total = 0;
        for (IdRun run : runs) {
            for (long from = run.first(); from <= run.last(); from += BATCH) {
                long to = Math.min(run.last(), from + BATCH - 1);
                int count = delete(table, from, to);
                if (isStructure(table)) {
                    keepPending(table, from, to);
                }
                total += count;
                deleted.accept(count);
            }
        }
        return total;
    }

    /** Forgets the rows waiting to be deleted: after a detach they are the platform's own again. */
    synchronized void forgetPending() {
        state.update("DELETE FROM pending_local_delete");
    }

    /** Lets a network or pool the platform created wait until it has been unused for the grace period. */
    public synchronized void removeWhenUnused(PlatformTable table, long[] ids) {
        Timestamp now = Timestamp.from(Instant.now());
        for (long id : ids) {
            state.update("MERGE INTO pending_local_delete (tbl, local_id, used_at) KEY (tbl, local_id) VALUES (?, ?, ?)",
                    table.tableName(), id, now);
        }
    }

    /** Marks these waiting networks or pools as used now: the platform just wrote rows that reference them. */
    public synchronized void markUsed(PlatformTable table, List<Long> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        state.batchUpdate("UPDATE pending_local_delete SET used_at = ? WHERE tbl = ? AND local_id = ?",
                ids.stream().map(id -> new Object[] {now, table.tableName(), id}).toList());
    }

    /**
     * Deletes the waiting networks and pools that nothing local has referenced for the grace
     * period; those still referenced are marked as used now.
     *
     * @return how many were deleted
     */
    public int sweepPending() {
        return sweepPending(unusedGrace);
    }

    /** {@link #sweepPending()} with another grace period: zero deletes every waiting row nothing references. */
    public synchronized int sweepPending(Duration grace) {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp unusedSince = Timestamp.from(now.toInstant().minus(grace));
        int deleted = 0;
        for (PlatformTable table : List.of(PlatformTable.IPPOOL, PlatformTable.IPNET)) {
            List<PendingRow> pending = state.query("SELECT local_id, used_at FROM pending_local_delete WHERE tbl = ?",
                    (rs, n) -> new PendingRow(rs.getLong(1), rs.getTimestamp(2)), table.tableName());
            for (PendingRow row : pending) {
                if (isReferenced(table, row.id())) {
                    state.update("UPDATE pending_local_delete SET used_at = ? WHERE tbl = ? AND local_id = ?", now,
                            table.tableName(), row.id());
                } else if (!row.usedAt().after(unusedSince)) {
                    deleted += delete(table, row.id(), row.id());
                    keepPending(table, row.id(), row.id());
                }
            }
        }
        return deleted;
    }

    private record PendingRow(long id, Timestamp usedAt) {
    }

    private int delete(PlatformTable table, long from, long to) {
        List<IdRun> run = List.of(new IdRun(from, to));
        ownDeletes.record(table, run, BinlogPosition.current(platformDatabase));
        int deleted;
        try {
            deleted = platform.update(deleteStatement(table), from, to);
        } catch (DataIntegrityViolationException e) {
            // A platform row came to reference one of these between the check and the delete.
            deleted = 0;
        }
        ownDeletes.deleted(table, run, BinlogPosition.current(platformDatabase));
        return deleted;
    }

    /** Whatever is left of the rows between from and to waits; what is gone waits no more. */
    private void keepPending(PlatformTable table, long from, long to) {
        List<Long> left = platform.queryForList("SELECT id FROM " + table.tableName() + " WHERE id BETWEEN ? AND ?",
                Long.class, from, to);
        List<Long> waiting = state.queryForList(
                "SELECT local_id FROM pending_local_delete WHERE tbl = ? AND local_id BETWEEN ? AND ?", Long.class,
                table.tableName(), from, to);
        state.batchUpdate("DELETE FROM pending_local_delete WHERE tbl = ? AND local_id = ?", waiting.stream()
                .filter(id -> !left.contains(id)).map(id -> new Object[] {table.tableName(), id}).toList());
        state.batchUpdate("INSERT INTO pending_local_delete (tbl, local_id) VALUES (?, ?)", left.stream()
                .filter(id -> !waiting.contains(id)).map(id -> new Object[] {table.tableName(), id}).toList());
    }

    private boolean isReferenced(PlatformTable table, long id) {
        return switch (table) {
            case IPPOOL -> exists("SELECT EXISTS (SELECT 1 FROM ip WHERE ippool = ?) "
                    + "OR EXISTS (SELECT 1 FROM ippool_range WHERE ippool = ?)", id, id);
            case IPNET -> exists("SELECT EXISTS (SELECT 1 FROM ippool_range WHERE ipnet = ?)", id);
            default -> throw new IllegalArgumentException(table + " is never referenced");
        };
    }

    private boolean exists(String query, Object... args) {
        return Boolean.TRUE.equals(platform.queryForObject(query, Boolean.class, args));
    }

    private static boolean isStructure(PlatformTable table) {
        return table == PlatformTable.IPPOOL || table == PlatformTable.IPNET;
    }

    private static String deleteStatement(PlatformTable table) {
        return switch (table) {
            case IP -> "DELETE FROM ip WHERE id BETWEEN ? AND ?";
            case IPPOOL_RANGE -> "DELETE FROM ippool_range WHERE id BETWEEN ? AND ?";
            case IPPOOL -> """
                    DELETE FROM ippool WHERE id BETWEEN ? AND ?
                      AND NOT EXISTS (SELECT 1 FROM ip WHERE ip.ippool = ippool.id)
                      AND NOT EXISTS (SELECT 1 FROM ippool_range r WHERE r.ippool = ippool.id)""";
            case IPNET -> """
                    DELETE FROM ipnet WHERE id BETWEEN ? AND ?
                      AND NOT EXISTS (SELECT 1 FROM ippool_range r WHERE r.ipnet = ipnet.id)""";
        };
    }
}
