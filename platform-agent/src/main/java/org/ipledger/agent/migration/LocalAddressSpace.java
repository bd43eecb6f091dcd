package org.ipledger.agent.migration;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's address space as the master's preflight reads it
 * ({@code POST /api/v1/platforms/{platformId}/preflight}): its networks, pools, ranges and stored
 * addresses with their local ids, without owner names or DNSBL lists (I5).
 */
@Component
public class LocalAddressSpace {

    /** The preflight body. */
    public record Summary(List<Network> networks, List<Pool> pools, List<Range> ranges, List<Address> addresses) {

        /** Not part of the body: the master refuses unknown fields. */
        @JsonIgnore
        public boolean isEmpty() {
            return networks.isEmpty() && pools.isEmpty() && ranges.isEmpty() && addresses.isEmpty();
        }
    }

    public record Network(long id, String cidr, String name, Optional<String> gateway, Optional<Integer> vlan,
            List<String> locations, Optional<String> note) {
    }

    public record Pool(long id, String name, List<String> locations, Optional<String> note) {
    }

    public record Range(long id, long poolId, Optional<Long> networkId, String start, String end) {
    }

    public record Address(String address, String status, Optional<Long> poolId) {
    }

    private final PlatformDatabase platform;

    public LocalAddressSpace(PlatformDatabase platform) {
        this.platform = platform;
    }

    /** Reads the four tables (not in one snapshot: a preflight is advice, the migration is exact). */
    public Summary summary() {
        JdbcClient jdbc = platform.jdbc();
        List<Network> networks = jdbc.sql("SELECT id, addr, prefix, name, gateway, vlan, locations, note FROM ipnet ORDER BY id")
                .query((rs, n) -> new Network(rs.getLong(1), rs.getString(2) + "/" + rs.getInt(3), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable((Integer) rs.getObject(6)),
                        PlatformSnapshot.locations(rs.getString(7)), Optional.ofNullable(rs.getString(8))))
                .list();
        List<Pool> pools = jdbc.sql("SELECT id, name, locations, note FROM ippool ORDER BY id")
                .query((rs, n) -> new Pool(rs.getLong(1), rs.getString(2), PlatformSnapshot.locations(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4))))
                .list();
        List<Range> ranges = jdbc.sql("SELECT id, ippool, ipnet, start_addr, end_addr FROM ippool_range ORDER BY id")
                .query((rs, n) -> {
                    long network = rs.getLong(3);
                    return new Range(rs.getLong(1), rs.getLong(2), rs.wasNull() ? Optional.empty() : Optional.of(network),
                            rs.getString(4), rs.getString(5));
                })
                .list();
        List<Address> addresses = jdbc.sql("SELECT addr, status, ippool FROM ip WHERE status IN ('allocated', 'reserved') ORDER BY id")
                .query((rs, n) -> {
                    long pool = rs.getLong(3);
                    return new Address(rs.getString(1), rs.getString(2), rs.wasNull() ? Optional.empty() : Optional.of(pool));
                })
                .list();
        return new Summary(networks, pools, ranges, addresses);
    }

    /** Whether the platform has nothing to migrate. */
    public boolean isEmpty() {
        return platform.jdbc().sql("""
                SELECT (SELECT COUNT(*) FROM ipnet) + (SELECT COUNT(*) FROM ippool) + (SELECT COUNT(*) FROM ippool_range)
                     + (SELECT COUNT(*) FROM ip)""").query(Long.class).single() == 0;
    }
}
