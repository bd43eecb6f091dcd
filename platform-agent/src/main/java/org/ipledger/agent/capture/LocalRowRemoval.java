package org.ipledger.agent.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.change.PlatformTable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes platform rows the master has confirmed, as the agent's own deletes (recorded first, see
 * {@link OwnDeletes}). Addresses and ranges go at once; a network or pool that a local row still
 * references waits in {@code pending_local_delete} until nothing does, so the platform's foreign
 * keys hold.
 */
public class LocalRowRemoval {

    /** Ids per delete statement: one short transaction each. */
    static final int BATCH = 5_000;

    private final PlatformDatabase platformDatabase;
    private final JdbcTemplate platform;
    private final JdbcTemplate state;
    private final OwnDeletes ownDeletes;

    public LocalRowRemoval(PlatformDatabase platform, DataSource stateDataSource, OwnDeletes ownDeletes) {
        this.platformDatabase = platform;
        this.platform = new JdbcTemplate(platform.dataSource());
        this.state = new JdbcTemplate(stateDataSource);
        this.ownDeletes = ownDeletes;
    }

    /**
     * Deletes the rows of these runs that are still there, in batches, reporting each batch's count.
     *
     * @return how many rows were deleted
     */
    public long remove(PlatformTable table, List<IdRun> runs, LongConsumer deleted) {
        long total = 0;
        for (IdRun run : runs) {
            for (long from = run.first(); from <= run.last(); from += BATCH) {
                long to = Math.min(run.last(), from + BATCH - 1);
                ownDeletes.record(table, List.of(new IdRun(from, to)), BinlogPosition.current(platformDatabase));
                int count = deleteBetween(table, from, to);
                total += count;
                deleted.accept(count);
            }
        }
        return total;
    }

    /** Deletes one confirmed row now, or once nothing local references it. */
    public void remove(PlatformTable table, long id) {
        remove(table, List.of(new IdRun(id, id)), n -> { });
    }

    /**
     * Deletes the waiting structure rows that nothing local references any more.
     *
     * @return how many were deleted
     */
    public int sweepPending() {
        int deleted = 0;
        for (PlatformTable table : List.of(PlatformTable.IPPOOL_RANGE, PlatformTable.IPPOOL, PlatformTable.IPNET)) {
            List<Long> ids = state.queryForList("SELECT local_id FROM pending_local_delete WHERE tbl = ? ORDER BY local_id",
                    Long.class, table.tableName());
            for (long id : ids) {
                deleted += (int) remove(table, List.of(new IdRun(id, id)), n -> { });
            }
        }
        return deleted;
    }

    private int deleteBetween(PlatformTable table, long from, long to) {
        int count;
        try {
            count = platform.update(deleteStatement(table), from, to);
        } catch (DataIntegrityViolationException e) {
            // A platform row came to reference one of these between the check and the delete.
            count = 0;
        }
        if (table != PlatformTable.IP && table != PlatformTable.IPPOOL_RANGE) {
            keepPending(table, from, to);
        } else if (from == to) {
            state.update("DELETE FROM pending_local_delete WHERE tbl = ? AND local_id = ?", table.tableName(), from);
        }
        return count;
    }

    /** Whatever is left of the rows between from and to waits; what is gone waits no more. */
    private void keepPending(PlatformTable table, long from, long to) {
        List<Long> left = platform.queryForList("SELECT id FROM " + table.tableName() + " WHERE id BETWEEN ? AND ?",
                Long.class, from, to);
        state.update("DELETE FROM pending_local_delete WHERE tbl = ? AND local_id BETWEEN ? AND ?", table.tableName(),
                from, to);
        if (!left.isEmpty()) {
            List<Object[]> rows = new ArrayList<>();
            left.forEach(id -> rows.add(new Object[] {table.tableName(), id}));
            state.batchUpdate("INSERT INTO pending_local_delete (tbl, local_id) VALUES (?, ?)", rows);
        }
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
