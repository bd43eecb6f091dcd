package org.ipledger.master.console;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.ipledger.master.pool.Pool;
import org.ipledger.master.pool.PoolService;
import org.springframework.stereotype.Component;

/** Every pool with how full it is, fullest first: the pools page and the overview's short list. */
@Component
class PoolUtilization {

    /** A pool with how full it is. */
    public record Row(Pool pool, Usage usage) {
    }

    private final PoolService pools;
    private final SpaceUsage usage;

    PoolUtilization(PoolService pools, SpaceUsage usage) {
        this.pools = pools;
        this.usage = usage;
    }

    List<Row> fullestFirst() {
        Map<Long, Long> stored = usage.storedPerPool();
        Map<Long, BigInteger> sizes = usage.poolSizes();
        List<Row> rows = new ArrayList<>(Pages.all(pools::list).stream()
                .map(pool -> new Row(pool, new Usage(stored.getOrDefault(pool.id(), 0L),
                        sizes.getOrDefault(pool.id(), BigInteger.ZERO))))
                .toList());
        rows.sort(Comparator.comparingInt((Row row) -> row.usage().percent()).reversed());
        return rows;
    }

    Usage of(long poolId) {
        return new Usage(usage.storedPerPool().getOrDefault(poolId, 0L), usage.poolSizes().getOrDefault(poolId, BigInteger.ZERO));
    }
}
