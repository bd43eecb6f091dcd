package org.ipledger.master.console;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pool sizes from their ranges, the pools' ranges in a network and the ledger's position: the
 * figures of the console's pages that come from small tables. The stored addresses come from
 * {@link org.ipledger.master.allocation.StoredCounts}, never from grouping the address table.
 */
@Repository
class SpaceUsage {

    private final JdbcClient jdbc;

    SpaceUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The number of addresses in each pool's ranges. */
    Map<Long, BigInteger> poolSizes() {
        Map<Long, BigInteger> sizes = new HashMap<>();
        jdbc.sql("SELECT ippool, start_bin, end_bin FROM ippool_range").query(rs -> {
            BigInteger size = new BigInteger(1, rs.getBytes(3)).subtract(new BigInteger(1, rs.getBytes(2))).add(BigInteger.ONE);
            sizes.merge(rs.getLong(1), size, BigInteger::add);
        });
        return sizes;
    }

    /** A pool's range inside a network, with the pool's name. */
    public record PoolRange(long poolId, String poolName, String start, String end) {
    }

    List<PoolRange> rangesIn(long networkId) {
        return jdbc.sql("SELECT p.id, p.name, r.start_addr, r.end_addr FROM ippool_range r JOIN ippool p ON p.id = r.ippool "
                        + "WHERE r.ipnet = ? ORDER BY r.start_bin")
                .param(networkId)
                .query((rs, n) -> new PoolRange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The ledger's last sequence number: how far the address space's history goes. */
    long lastSeq() {
        return jdbc.sql("SELECT last_seq FROM ledger_position WHERE id = 1").query(Long.class).single();
    }
}
