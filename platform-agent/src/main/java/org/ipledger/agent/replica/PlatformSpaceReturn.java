package org.ipledger.agent.replica;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ipledger.agent.capture.LocalRowRemoval;
import org.ipledger.agent.integration.AddressSpaceReturn;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Detach from the replica's side: this platform's addresses (with the owner data kept in
 * {@code local_owner}), the pools they are in or that the platform brought, those pools' ranges
 * and the networks of all of them go back into the platform's tables, in one transaction.
 */
@Component
class PlatformSpaceReturn implements AddressSpaceReturn {

    private static final Logger log = LoggerFactory.getLogger(PlatformSpaceReturn.class);

    private final JdbcClient state;
    private final PlatformDatabase platform;
    private final LocalRowRemoval removal;

    PlatformSpaceReturn(JdbcClient state, PlatformDatabase platform, LocalRowRemoval removal) {
        this.state = state;
        this.platform = platform;
        this.removal = removal;
    }

    private record Address(String address, String status, Long poolId, Long networkId, String owner, String dnsbl,
            String note) {
    }

    private record Range(long id, long poolId, long networkId, String start, String end) {
    }

    @Override
    public Returned giveBack(String platformId) {
        // Networks and pools the platform created after joining may still wait in its tables;
        // they come back with the rest and must not be there twice.
        removal.sweepPending(Duration.ZERO);
        List<Address> addresses = state.sql("""
                SELECT a.address, a.status, a.pool_id, a.network_id, o.owner, o.dnsbl, o.note
                FROM replica_address a LEFT JOIN local_owner o ON o.address = a.address
                WHERE a.platform_id = ? ORDER BY a.address_key""").param(platformId)
                .query((rs, row) -> new Address(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        Set<Long> pools = new LinkedHashSet<>(state.sql("SELECT id FROM replica_pool WHERE platform_id = ? ORDER BY id")
                .param(platformId).query(Long.class).list());
        addresses.stream().map(Address::poolId).filter(id -> id != null).forEach(pools::add);
        List<Range> ranges = pools.isEmpty() ? List.of() : state.sql("SELECT id, pool_id, network_id, start_addr, end_addr "
                + "FROM replica_range WHERE pool_id IN (:pools) ORDER BY id").param("pools", pools)
                .query((rs, row) -> new Range(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list();
        Set<Long> networks = new LinkedHashSet<>(state.sql("SELECT id FROM replica_network WHERE platform_id = ? ORDER BY id")
                .param(platformId).query(Long.class).list());
        ranges.forEach(range -> networks.add(range.networkId()));
        addresses.stream().map(Address::networkId).filter(id -> id != null).forEach(networks::add);

        Returned returned = new TransactionTemplate(new DataSourceTransactionManager(platform.dataSource()))
                .execute(tx -> write(networks, pools, ranges, addresses));
        // The owner data is in the platform's own table again.
        state.sql("DELETE FROM local_owner").update();
        log.info("detached: gave back {} networks, {} pools, {} ranges and {} addresses to the platform's tables",
                returned.networks(), returned.pools(), returned.ranges(), returned.addresses());
        return returned;
    }

    /** Local ids are the platform's own: new rows get new ids, and references follow them. */
    private Returned write(Set<Long> networks, Set<Long> pools, List<Range> ranges, List<Address> addresses) {
        JdbcClient local = platform.jdbc();
        Map<Long, Long> networkIds = new HashMap<>();
        for (long id : networks) {
            state.sql("SELECT cidr, name, gateway, vlan, locations, note FROM replica_network WHERE id = ?").param(id)
                    .query(rs -> {
                        String[] cidr = rs.getString(1).split("/");
                        networkIds.put(id, insert(local.sql("INSERT INTO ipnet (name, addr, prefix, gateway, vlan, locations, "
                                + "note) VALUES (?, ?, ?, ?, ?, ?, ?)").params(rs.getString(2), cidr[0],
                                Integer.parseInt(cidr[1]), rs.getString(3), rs.getObject(4, Integer.class), rs.getString(5),
                                rs.getString(6))));
                    });
        }
        Map<Long, Long> poolIds = new HashMap<>();
        for (long id : pools) {
            state.sql("SELECT name, locations, note FROM replica_pool WHERE id = ?").param(id).query(rs -> {
                poolIds.put(id, insert(local.sql("INSERT INTO ippool (name, locations, note) VALUES (?, ?, ?)")
                        .params(rs.getString(1), rs.getString(2), rs.getString(3))));
            });
        }
        for (Range range : ranges) {
            local.sql("INSERT INTO ippool_range (ippool, ipnet, start_addr, end_addr) VALUES (?, ?, ?, ?)")
                    .params(poolIds.get(range.poolId()), networkIds.get(range.networkId()), range.start(), range.end())
                    .update();
        }
        for (Address address : addresses) {
            local.sql("INSERT INTO ip (ippool, addr, status, owner, dnsbl, note) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(address.poolId() == null ? null : poolIds.get(address.poolId()), address.address(),
                            address.status(), address.owner(), address.dnsbl(), address.note())
                    .update();
        }
        return new Returned(networkIds.size(), poolIds.size(), ranges.size(), addresses.size());
    }

    private static long insert(JdbcClient.StatementSpec statement) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        statement.update(key);
        return key.getKey().longValue();
    }
}
