package org.ipledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.allocation.AddressAllocator;
import org.ipledger.master.allocation.AllocationRequest;
import org.ipledger.master.allocation.FreeSpaceIndex;
import org.ipledger.master.allocation.FreeSpaceIndexes;
import org.ipledger.master.allocation.Reply;
import org.ipledger.master.platform.MasterPlatform;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The allocation engine on big pools: a /8 with 10,000,000 addresses allocated and an IPv6 /64
 * with 1,000,000, pre-loaded directly into the database. Prints the index load time, the engine's
 * own lookup, and allocations including the database write, sequential and batched (16 threads).
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.EngineBenchmark
 * [-Dexec.args="10000000 1000000"]}
 */
public final class EngineBenchmark {

    private static final int SEQUENTIAL = 2_000;
    private static final int THREADS = 16;
    private static final int PER_THREAD = 1_000;

    public static void main(String[] args) throws Exception {
        long ipv4Count = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long ipv6Count = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster()) {
            RestFixture rest = new RestFixture(master.adminClient());
            long v4Network = rest.network("10.0.0.0/8");
            long v4Pool = rest.pool("big v4");
            rest.rangeCidr(v4Pool, "10.0.0.0/8");
            preload(database.jdbc(), "IPv4 /8", ipv4Count,
                    "CONCAT(UNHEX('00000000000000000000FFFF'), UNHEX(LPAD(HEX(167772160 + seq), 8, '0')))",
                    "INET_NTOA(167772160 + seq)", 4, v4Network, v4Pool);
            measure(master, v4Pool, "IPv4 /8 with " + ipv4Count + " allocated");

            long v6Network = rest.network("2001:db8::/64");
            long v6Pool = rest.pool("big v6");
            rest.rangeCidr(v6Pool, "2001:db8::/64");
            preload(database.jdbc(), "IPv6 /64", ipv6Count,
                    "CONCAT(UNHEX('20010DB8000000000000'), UNHEX(LPAD(HEX(seq), 12, '0')))",
                    "INET6_NTOA(CONCAT(UNHEX('20010DB8000000000000'), UNHEX(LPAD(HEX(seq), 12, '0'))))",
                    6, v6Network, v6Pool);
            measure(master, v6Pool, "IPv6 /64 with " + ipv6Count + " allocated");
        }
        System.exit(0);
    }

    /** Inserts addresses 1..count of the pool straight into the address table, a million per statement. */
    private static void preload(JdbcTemplate jdbc, String label, long count, String keyExpression, String textExpression,
                                int family, long network, long pool) {
        long start = System.nanoTime();
        for (long from = 1; from <= count; from += 1_000_000) {
            long to = Math.min(count, from + 999_999);
            jdbc.update("INSERT INTO ip (addr_bin, addr, family, ipnet, ippool, status, platform_id) SELECT "
                    + keyExpression + ", " + textExpression + ", " + family + ", " + network + ", " + pool
                    + ", 'allocated', 'master' FROM seq_" + from + "_to_" + to);
        }
        // The index was built before the preload; make every instance rebuild it from the table.
        jdbc.update("UPDATE ippool SET ranges_version = ranges_version + 1 WHERE id = ?", pool);
        System.out.printf("preload %s: %,d rows in %.1f s%n", label, count, (System.nanoTime() - start) / 1e9);
    }

    private static void measure(MasterInstance master, long pool, String label) throws Exception {
        AddressAllocator allocator = master.bean(AddressAllocator.class);
        FreeSpaceIndexes indexes = master.bean(FreeSpaceIndexes.class);

        long loadStart = System.nanoTime();
        allocate(allocator, pool);
        System.out.printf("%s: index built from the database in %.2f s, %,d bytes%n", label,
                (System.nanoTime() - loadStart) / 1e9, indexes.cached(pool).orElseThrow().sizeInBytes());

        FreeSpaceIndex index = indexes.cached(pool).orElseThrow();
        Percentiles lookups = new Percentiles(100_000);
        for (int i = 0; i < 100_000; i++) {
            long start = System.nanoTime();
            index.lowestFreeAddress();
            lookups.add(System.nanoTime() - start);
        }
        System.out.printf("%s: engine lookup of the lowest free address: %s%n", label, lookups.summary("us"));

        Percentiles sequential = new Percentiles(SEQUENTIAL);
        long seqStart = System.nanoTime();
        for (int i = 0; i < SEQUENTIAL; i++) {
            long start = System.nanoTime();
            allocate(allocator, pool);
            sequential.add(System.nanoTime() - start);
        }
        double seqSeconds = (System.nanoTime() - seqStart) / 1e9;
        System.out.printf("%s: one client, allocation incl. database commit: %s, %.0f/s%n", label,
                sequential.summary("ms"), SEQUENTIAL / seqSeconds);

        Percentiles batched = new Percentiles(THREADS * PER_THREAD);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        long batchStart = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            work.add(threads.submit(() -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    long start = System.nanoTime();
                    allocate(allocator, pool);
                    batched.add(System.nanoTime() - start);
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        threads.shutdown();
        double batchSeconds = (System.nanoTime() - batchStart) / 1e9;
        double rate = THREADS * PER_THREAD / batchSeconds;
        System.out.printf("%s: %d clients, batched: %.0f allocations/s = %.3f ms of wall time per allocation; "
                + "per-request latency %s%n", label, THREADS, rate, 1000 / rate, batched.summary("ms"));
    }

    private static void allocate(AddressAllocator allocator, long pool) {
        Reply reply = allocator.allocate(pool, new AllocationRequest(UUID.randomUUID().toString(), 1, null, null),
                MasterPlatform.ID);
        if (reply.status() != 201) {
            throw new IllegalStateException("allocation failed: " + reply);
        }
    }
}
