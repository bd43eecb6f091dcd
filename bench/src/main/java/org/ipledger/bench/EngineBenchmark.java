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
            BigPool v4 = BigPool.ipv4(rest, database.jdbc(), ipv4Count);
            measure(master, v4.pool(), "IPv4 /8 with " + ipv4Count + " allocated");
            BigPool v6 = BigPool.ipv6(rest, database.jdbc(), ipv6Count);
            measure(master, v6.pool(), "IPv6 /64 with " + ipv6Count + " allocated");
        }
        System.exit(0);
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
