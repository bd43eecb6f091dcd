package org.ipledger.master.allocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many addresses of a network are stored, per block of a part of it, and of a pool in all its
 * ranges: what the console's utilization bars and address maps show. Inside pool ranges the
 * pools' free-space indexes count them by rank, in a read queued with each pool's changes, so the
 * count is the committed one on whichever instance changed the pool; outside every range the
 * address table counts them over the gaps between the ranges only. Free addresses are never
 * listed, and the rows inside ranges, nearly all of a big network's, are never read.
 */
@Component
public class StoredCounts {

    /** Blocks per count: at most 2^8, the width the grouped query over the gaps extracts. */
    static final int MAX_WIDTH_BITS = 8;

    private final PoolOperationQueue queue;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    StoredCounts(PoolOperationQueue queue, JdbcClient jdbc, JsonMapper json) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The stored addresses of the network inside {@code scope}. */
    public long stored(long networkId, IPAddress scope) {
        return perBlock(networkId, scope, 0)[0];
    }

    /** The stored addresses of each network (id to block), the pools of all of them counted at once. */
    public Map<Long, Long> stored(Map<Long, IPAddress> networks) {
        Map<Long, Supplier<long[]>> counting = new LinkedHashMap<>();
        networks.forEach((id, block) -> counting.put(id, counting(id, block, 0)));
        Map<Long, Long> stored = new HashMap<>();
        counting.forEach((id, counts) -> stored.put(id, counts.get()[0]));
        return stored;
    }

    /**
     * The stored addresses of the network in each of the {@code 2^widthBits} equal blocks of
     * {@code scope}, in address order; {@code scope} must have more than {@code 8} host bits
     * unless {@code widthBits} is 0.
     */
    public long[] perBlock(long networkId, IPAddress scope, int widthBits) {
        return counting(networkId, scope, widthBits).get();
    }

    /** The stored addresses of each pool in all its ranges, from the pools' free-space indexes. */
    public Map<Long, Long> storedInPools(Collection<Long> poolIds) {
        Map<Long, CompletableFuture<Reply>> replies = new LinkedHashMap<>();
        poolIds.forEach(id -> replies.put(id, queue.submitAsync(new PoolOperation.CountUsed(id))));
        Map<Long, Long> stored = new HashMap<>();
        replies.forEach((id, reply) -> stored.put(id, answer(AddressAllocator.join(reply), Long.class).orElse(0L)));
        return stored;
    }

    /**
     * Queues the count of the pools' parts of the scope and gives the rest of the count to do: the
     * gaps between ranges counted in the address table, then the pools' answers added.
     */
    private Supplier<long[]> counting(long networkId, IPAddress scope, int widthBits) {
        int hostBits = scope.getBitCount() - scope.getPrefixLength();
        if (widthBits < 0 || widthBits > MAX_WIDTH_BITS || (widthBits > 0 && hostBits <= MAX_WIDTH_BITS)) {
            throw new IllegalArgumentException(widthBits + " width bits for " + scope);
        }
        int blockBits = hostBits - widthBits;
        int blocks = 1 << widthBits;
        BigInteger first = AddressKey.value(scope.getLower());
        BigInteger last = AddressKey.value(scope.getUpper());
        List<Range> ranges = ranges(networkId, scope);
        List<CompletableFuture<Reply>> replies = ranges.stream().map(Range::poolId).distinct()
                .map(poolId -> queue.submitAsync(new PoolOperation.CountStored(poolId, networkId, first, blockBits, blocks)))
                .toList();
        return () -> {
            long[] counts = outsideRanges(networkId, scope, ranges, first, last, hostBits, widthBits);
            for (CompletableFuture<Reply> reply : replies) {
                answer(AddressAllocator.join(reply), long[].class).ifPresent(pool -> {
                    for (int i = 0; i < counts.length; i++) {
                        counts[i] += pool[i];
                    }
                });
            }
            return counts;
        };
    }

    /** A pool's count; none for a pool deleted since its ranges were read, which has no addresses left to count. */
    private <T> Optional<T> answer(Reply reply, Class<T> type) {
        if (reply.status() == HttpStatus.NOT_FOUND.value()) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw new IllegalStateException("counting a pool's addresses failed: " + reply.body());
        }
        return Optional.of(json.readValue(reply.body(), type));
    }

    /** A pool range of the network, as address values. */
    private record Range(long poolId, BigInteger start, BigInteger end) {
    }

    private List<Range> ranges(long networkId, IPAddress scope) {
        return jdbc.sql("SELECT ippool, start_bin, end_bin FROM ippool_range "
                        + "WHERE ipnet = ? AND end_bin >= ? AND start_bin <= ? ORDER BY start_bin")
                .params(networkId, AddressKey.of(scope.getLower()), AddressKey.of(scope.getUpper()))
                .query((rs, n) -> new Range(rs.getLong(1), AddressKey.value(AddressKey.address(rs.getBytes(2))),
                        AddressKey.value(AddressKey.address(rs.getBytes(3)))))
                .list();
    }

    /** Counts the stored rows in the gaps of the scope between pool ranges, per block, in one grouped query. */
    private long[] outsideRanges(long networkId, IPAddress scope, List<Range> ranges, BigInteger first, BigInteger last,
                                 int hostBits, int widthBits) {
        long[] counts = new long[1 << widthBits];
        List<byte[]> gaps = gaps(AddressKey.family(scope), ranges, first, last);
        if (gaps.isEmpty()) {
            return counts;
        }
        List<Object> params = new ArrayList<>();
        String block = "0";
        if (widthBits > 0) {
            // The block's index is the widthBits bits after the scope's prefix in the 16-byte key.
            int offsetBits = 128 - hostBits;
            block = "(CONV(HEX(SUBSTRING(addr_bin, ?, 2)), 16, 10) >> ?) & ?";
            params.addAll(List.of(offsetBits / 8 + 1, 16 - offsetBits % 8 - widthBits, (1 << widthBits) - 1));
        }
        params.add(networkId);
        StringBuilder within = new StringBuilder();
        for (int i = 0; i < gaps.size(); i += 2) {
            within.append(i == 0 ? "" : " OR ").append("addr_bin BETWEEN ? AND ?");
            params.add(gaps.get(i));
            params.add(gaps.get(i + 1));
        }
        jdbc.sql("SELECT " + block + ", COUNT(*) FROM ip WHERE ipnet = ? AND (" + within + ") GROUP BY 1")
                .params(params)
                .query(rs -> {
                    counts[rs.getInt(1)] = rs.getLong(2);
                });
        return counts;
    }

    /** The keys of the first and last address of each gap between the ranges, in pairs. */
    private static List<byte[]> gaps(int family, List<Range> ranges, BigInteger first, BigInteger last) {
        Map<BigInteger, BigInteger> gaps = new LinkedHashMap<>();
        BigInteger next = first;
        for (Range range : ranges) {
            if (range.start().compareTo(next) > 0) {
                gaps.put(next, range.start().subtract(BigInteger.ONE));
            }
            next = next.max(range.end().add(BigInteger.ONE));
        }
        if (next.compareTo(last) <= 0) {
            gaps.put(next, last);
        }
        List<byte[]> keys = new ArrayList<>();
        gaps.forEach((start, end) -> {
            keys.add(AddressKey.of(AddressKey.fromValue(family, start)));
            keys.add(AddressKey.of(AddressKey.fromValue(family, end)));
        });
        return keys;
    }
}
