package org.ipledger.master.console;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.ipledger.master.allocation.StoredCounts;
import org.ipledger.master.pool.Pool;
import org.ipledger.master.pool.PoolService;
import org.springframework.stereotype.Component;

/**
 * Every pool with how full it is, fullest first: the pools page and the overview's short list. The
 * counts come from the pools' free-space indexes, all pools' reads queued at once.
 */
@Component
class PoolUtilization {

    /** A pool with how full it is. */
    public record Row(Pool pool, Usage usage) {
    }

    private final PoolService pools;
    private final SpaceUsage usage;
    private final StoredCounts storedCounts;

    PoolUtilization(PoolService pools, SpaceUsage usage, StoredCounts storedCounts) {
        this.pools = pools;
        this.usage = usage;
        this.storedCounts = storedCounts;
    }

    List<Row> fullestFirst() {
        List<Pool> all = Pages.all(pools::list);
        Map<Long, Long> stored = storedCounts.storedInPools(all.stream().map(Pool::id).toList());
        Map<Long, BigInteger> sizes = usage.poolSizes();
        List<Row> rows = new ArrayList<>(all.stream()
                .map(pool -> new Row(pool, new Usage(stored.getOrDefault(pool.id(), 0L),
                        sizes.getOrDefault(pool.id(), BigInteger.ZERO))))
                .toList());
        rows.sort(Comparator.comparingInt((Row row) -> row.usage().percent()).reversed());
        return rows;
    }

    Usage of(long poolId) {
        return new Usage(storedCounts.storedInPools(List.of(poolId)).getOrDefault(poolId, 0L),
                usage.poolSizes().getOrDefault(poolId, BigInteger.ZERO));
    }
}
