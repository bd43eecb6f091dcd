package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the allocation engine: the pool lock, address rows, the pool journal and replies. */
@Repository
class AddressStore {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final PoolJournal journal;

    AddressStore(JdbcTemplate jdbc, PoolJournal journal) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.journal = journal;
    }

    /** Locks the pool's row until the transaction ends: the per-pool serialisation of I1. */
    Optional<PoolState> lockPool(long poolId) {
        return jdbc.query("SELECT version, ranges_version FROM ippool WHERE id = ? FOR UPDATE",
                (rs, n) -> new PoolState(rs.getLong(1), rs.getLong(2)), poolId).stream().findFirst();
    }

    /** The stored replies of those of these requests that were processed before. */
    Map<RequestKey, StoredReply> replies(Collection<RequestKey> requests) {
        Map<RequestKey, StoredReply> found = new HashMap<>();
        if (requests.isEmpty()) {
            return found;
        }
        // Both lists select a small cross product of the key's range; only the pairs asked for count.
        Set<RequestKey> wanted = Set.copyOf(requests);
        named.query("SELECT platform_id, request_id, fingerprint, status, response FROM processed_command "
                        + "WHERE platform_id IN (:platforms) AND request_id IN (:ids)",
                Map.of("platforms", wanted.stream().map(RequestKey::platformId).distinct().toList(),
                        "ids", wanted.stream().map(RequestKey::requestId).distinct().toList()), rs -> {
                    RequestKey key = new RequestKey(rs.getString(1), rs.getString(2));
                    if (wanted.contains(key)) {
                        found.put(key, new StoredReply(rs.getString(3), new Reply(rs.getInt(4), rs.getString(5))));
                    }
                });
        return found;
    }

    Optional<AddressStatus> storedStatus(IPAddress address) {
        return jdbc.query("SELECT status FROM ip WHERE addr_bin = ?",
                (rs, n) -> AddressStatus.storable(rs.getString(1)), AddressKey.of(address)).stream().findFirst();
    }

    /** Writes the effects of several pools; each pool's row changes keep their order. */
    void write(List<PoolEffects> effects) {
        writeRows(effects.stream().flatMap(e -> e.rows().stream()).toList());
        List<PoolEffects> changed = effects.stream().filter(PoolEffects::changesAddresses).toList();
        if (!changed.isEmpty()) {
            journal.write(changed.stream().map(e -> new PoolJournal.Version(e.poolId(), e.version(), e.journal())).toList());
        }
        List<PoolEffects.ReplyRow> replies = effects.stream().flatMap(e -> e.replies().stream()).toList();
        if (!replies.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO processed_command (request_id, fingerprint, status, response, platform_id) "
                    + "VALUES (?, ?, ?, ?, ?)", replies, replies.size(), (ps, r) -> {
                        ps.setString(1, r.requestId());
                        ps.setString(2, r.fingerprint());
                        ps.setInt(3, r.reply().status());
                        ps.setString(4, r.reply().body());
                        ps.setString(5, r.platformId());
                    });
        }
    }

    /** Writes row changes in their order, each run of one kind as one JDBC batch. */
    private void writeRows(List<PoolEffects.RowChange> rows) {
        int start = 0;
        while (start < rows.size()) {
            Class<?> kind = rows.get(start).getClass();
            int end = start;
            while (end < rows.size() && rows.get(end).getClass() == kind) {
                end++;
            }
            writeRun(new ArrayList<>(rows.subList(start, end)));
            start = end;
        }
    }

    private void writeRun(List<PoolEffects.RowChange> run) {
        if (run.get(0) instanceof PoolEffects.Insert) {
            jdbc.batchUpdate("INSERT INTO ip (addr_bin, addr, family, ipnet, ippool, status, owner, platform_id, request_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", run, run.size(), (ps, row) -> {
                        PoolEffects.Insert insert = (PoolEffects.Insert) row;
                        ps.setBytes(1, insert.key());
                        ps.setString(2, insert.address().toCanonicalString());
                        ps.setInt(3, AddressKey.family(insert.address()));
                        ps.setLong(4, insert.networkId());
                        ps.setLong(5, insert.poolId());
                        ps.setString(6, insert.status().json());
                        ps.setString(7, insert.owner().orElse(null));
                        ps.setString(8, insert.platformId());
                        ps.setString(9, insert.requestId().orElse(null));
                    });
        } else if (run.get(0) instanceof PoolEffects.Delete) {
            jdbc.batchUpdate("DELETE FROM ip WHERE addr_bin = ?", run, run.size(),
                    (ps, row) -> ps.setBytes(1, row.key()));
        } else {
            jdbc.batchUpdate("UPDATE ip SET status = ? WHERE addr_bin = ?", run, run.size(), (ps, row) -> {
                ps.setString(1, ((PoolEffects.Update) row).status().json());
                ps.setBytes(2, row.key());
            });
        }
    }

    /** A reply stored for a request id, with the fingerprint of the request that produced it. */
    /** A request id is unique within the platform that chose it. */
    record RequestKey(String platformId, String requestId) {
    }

    record StoredReply(String fingerprint, Reply reply) {
    }
}
