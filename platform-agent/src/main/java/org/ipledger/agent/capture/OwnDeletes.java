package org.ipledger.agent.capture;

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
 * is still forwarded. Ids of the platform's tables are never reused.
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
     * the earliest position it was recorded with.
     */
    public synchronized void record(PlatformTable table, List<IdRun> ids, BinlogPosition since) {
        if (ids.isEmpty()) {
            return;
        }
        long sinceSequence = since.sequence(0);
        TreeMap<Long, Run> ofTable = loaded().computeIfAbsent(table.tableName(), t -> new TreeMap<>());
        List<IdRun> fresh = ids.stream().filter(r -> !ofTable.containsKey(r.first())).toList();
        state.batchUpdate("INSERT INTO own_delete (tbl, first_id, last_id, since_seq) VALUES (?, ?, ?, ?)",
                fresh.stream().map(r -> new Object[] {table.tableName(), r.first(), r.last(), sinceSequence}).toList());
        fresh.forEach(r -> ofTable.put(r.first(), new Run(r.last(), sinceSequence)));
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
