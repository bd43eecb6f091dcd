package org.ipledger.master.changes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ipledger.schemas.change.PlatformTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code platform_row} table: which master row each of a platform's local rows became. */
@Repository
class RowMappings {

    private final JdbcClient jdbc;

    RowMappings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every mapping of one platform. */
    Mapped load(String platformId) {
        Mapped mapped = Mapped.empty();
        jdbc.sql("SELECT tbl, local_id, master_id, merged FROM platform_row WHERE platform_id = ?").param(platformId)
                .query(rs -> {
                    long local = rs.getLong(2);
                    long master = rs.getLong(3);
                    switch (rs.getString(1)) {
                        case "ipnet" -> mapped.networks().put(local, master);
                        case "ippool" -> mapped.pools().put(local, master);
                        default -> mapped.ranges().put(local, master);
                    }
                    if (rs.getBoolean(4)) {
                        mapped.merged().add(local);
                    }
                });
        return mapped;
    }

    Optional<Long> find(String platformId, PlatformTable table, long localId) {
        return jdbc.sql("SELECT master_id FROM platform_row WHERE platform_id = ? AND tbl = ? AND local_id = ?")
                .params(platformId, table.tableName(), localId).query(Long.class).optional();
    }

    boolean merged(String platformId, long localNetworkId) {
        return jdbc.sql("SELECT merged FROM platform_row WHERE platform_id = ? AND tbl = 'ipnet' AND local_id = ?")
                .params(platformId, localNetworkId).query(Boolean.class).optional().orElse(false);
    }

    void map(String platformId, PlatformTable table, long localId, long masterId, boolean merged) {
        jdbc.sql("INSERT INTO platform_row (platform_id, tbl, local_id, master_id, merged) VALUES (?, ?, ?, ?, ?)")
                .params(platformId, table.tableName(), localId, masterId, merged).update();
    }

    void unmap(String platformId, PlatformTable table, long localId) {
        jdbc.sql("DELETE FROM platform_row WHERE platform_id = ? AND tbl = ? AND local_id = ?")
                .params(platformId, table.tableName(), localId).update();
    }

    /** Forgets the platform's ranges that no longer exist on the master, e.g. after their pool was deleted. */
    void unmapDeletedRanges(String platformId) {
        jdbc.sql("DELETE FROM platform_row WHERE platform_id = ? AND tbl = 'ippool_range' "
                + "AND master_id NOT IN (SELECT id FROM ippool_range)").param(platformId).update();
    }

    /** A platform's mappings by table, local id to master id; {@code merged} holds merged local networks. */
    record Mapped(Map<Long, Long> networks, Map<Long, Long> pools, Map<Long, Long> ranges, Set<Long> merged) {

        static Mapped empty() {
            return new Mapped(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
        }

        /** These mappings and {@code more}'s together, as a new value. */
        Mapped plus(Mapped more) {
            Mapped both = empty();
            for (Mapped one : List.of(this, more)) {
                both.networks().putAll(one.networks());
                both.pools().putAll(one.pools());
                both.ranges().putAll(one.ranges());
                both.merged().addAll(one.merged());
            }
            return both;
        }

        /** The master pool a local pool became, or the local pool itself while it is not on the master. */
        AddressSpace.Ref pool(long localId) {
            Long master = pools.get(localId);
            return master != null ? AddressSpace.Ref.master(master) : AddressSpace.Ref.local(localId);
        }
    }
}
