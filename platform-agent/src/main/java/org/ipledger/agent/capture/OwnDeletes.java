package org.ipledger.agent.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.ipledger.schemas.change.PlatformTable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform rows the agent itself deleted (or is about to), recorded durably before the
 * delete with the binlog position it deletes after, so that capture drops those deletes instead
 * of forwarding them to the master. A platform's own delete of the same row earlier in the binlog
 * is still forwarded. Ids of the platform's tables are never reused. A run is forgotten once
 * capture has durably handled the binlog past the commit of its delete.
 */
public class OwnDeletes {

    private record Run(long last, long sinceSequence) {
    }

    private final JdbcTemplate state;
    private Map<String, TreeMap<Long, Run>> runs;

    public OwnDeletes(DataSource stateDataSource) {
        this.state = new JdbcTemplate(stateDataSource);
    }

    /**
     * Records runs of ids of one table as deleted by the agent from {@code since} on; an id keeps
     * the earliest position it was recorded with. A run may overlap runs recorded before (the
     * same rows confirmed again after a restart, together with new ones): its ids not yet
     * recorded are, and the runs it overlaps are kept until {@link #deleted} is told again.
     */
    public synchronized void record(PlatformTable table, List<IdRun> ids, BinlogPosition since) {
        if (ids.isEmpty()) {
            return;
        }
        setUntil(table, ids, null);
        long sinceSequence = since.sequence(0);
        TreeMap<Long, Run> ofTable = loaded().computeIfAbsent(table.tableName(), t -> new TreeMap<>());
        List<IdRun> fresh = new ArrayList<>();
        for (IdRun run : ids) {
            fresh.addAll(notRecorded(ofTable, run));
        }
        state.batchUpdate("INSERT INTO own_delete (tbl, first_id, last_id, since_seq) VALUES (?, ?, ?, ?)",
                fresh.stream().map(r -> new Object[] {table.tableName(), r.first(), r.last(), sinceSequence}).toList());
        fresh.forEach(r -> ofTable.put(r.first(), new Run(r.last(), sinceSequence)));
    }

    /** The delete of these runs has committed, before {@code after}: once capture has handled that far, they may go. */
    public synchronized void deleted(PlatformTable table, List<IdRun> ids, BinlogPosition after) {
        setUntil(table, ids, after.sequence(0));
    }

    /**
     * Forgets the runs whose deletes all lie before {@code handledThrough}; the caller makes sure
     * capture's stored offsets are past it, so a restart does not read those deletes again.
     */
    public synchronized void prune(long handledThrough) {
        if (state.update("DELETE FROM own_delete WHERE until_seq <= ?", handledThrough) > 0) {
            runs = null;
        }
    }

    /** Sets the end of the recorded runs that overlap these, found in memory and updated by key. */
    private void setUntil(PlatformTable table, List<IdRun> ids, Long untilSequence) {
        TreeMap<Long, Run> ofTable = loaded().get(table.tableName());
        if (ofTable == null) {
            return;
        }
        List<Object[]> keys = new ArrayList<>();
        for (IdRun run : ids) {
            Long from = ofTable.floorKey(run.first());
            ofTable.subMap(from != null ? from : run.first(), true, run.last(), true).forEach((first, recorded) -> {
                if (recorded.last() >= run.first()) {
                    keys.add(new Object[] {untilSequence, table.tableName(), first});
                }
            });
        }
        state.batchUpdate("UPDATE own_delete SET until_seq = ? WHERE tbl = ? AND first_id = ?", keys);
    }

    /** The parts of the run that no recorded run covers; recorded runs never overlap each other. */
    private static List<IdRun> notRecorded(TreeMap<Long, Run> recorded, IdRun run) {
        List<IdRun> gaps = new ArrayList<>();
        long cursor = run.first();
        Map.Entry<Long, Run> covering = recorded.floorEntry(cursor);
        if (covering != null && covering.getValue().last() >= cursor) {
            cursor = covering.getValue().last() + 1;
        }
        while (cursor <= run.last()) {
            Map.Entry<Long, Run> next = recorded.ceilingEntry(cursor);
            long gapEnd = next == null ? run.last() : Math.min(run.last(), next.getKey() - 1);
            if (gapEnd >= cursor) {
                gaps.add(new IdRun(cursor, gapEnd));
            }
            if (next == null) {
                break;
            }
            cursor = next.getValue().last() + 1;
        }
        return gaps;
    }

    /** Whether the delete of this row captured at this sequence is the agent's own. */
    public synchronized boolean isOwn(String table, long id, long sequence) {
        TreeMap<Long, Run> ofTable = loaded().get(table);
        if (ofTable == null) {
            return false;
        }
        Map.Entry<Long, Run> run = ofTable.floorEntry(id);
        return run != null && run.getValue().last() >= id && sequence >= run.getValue().sinceSequence();
    }

    /** Forgets every recorded delete: the platform left its master, and a new join captures from then on. */
    synchronized void clear() {
        state.update("DELETE FROM own_delete");
        runs = null;
    }

    private Map<String, TreeMap<Long, Run>> loaded() {
        if (runs == null) {
            runs = new HashMap<>();
            state.query("SELECT tbl, first_id, last_id, since_seq FROM own_delete", rs -> {
                runs.computeIfAbsent(rs.getString(1), t -> new TreeMap<>())
                        .put(rs.getLong(2), new Run(rs.getLong(3), rs.getLong(4)));
            });
        }
        return runs;
    }
}
