package org.ipledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/**
 * 16 concurrent REST clients allocating from one pool, then from 16 pools (one each), against one
 * master-service on the embedded MariaDB: allocations/s, p50/p99, errors, and duplicates counted
 * in the database. Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.RestBenchmark
 * [-Dexec.args="1000"]} (allocations per client).
 */
public final class RestBenchmark {

    private static final int CLIENTS = 16;

    public static void main(String[] args) throws Exception {
        int perClient = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster()) {
            ApiClient api = master.adminClient();
            RestFixture rest = new RestFixture(api);
            long[] onePool = new long[CLIENTS];
            long shared = rest.poolWithRange("10.0.0.0/16", "10.0.0.1", "10.0.255.254");
            java.util.Arrays.fill(onePool, shared);
            long[] ownPools = new long[CLIENTS];
            for (int i = 0; i < CLIENTS; i++) {
                ownPools[i] = rest.poolWithRange("10.1." + i + ".0/24", "10.1." + i + ".1", "10.1." + i + ".254");
            }
            // Warm-up: JIT, connection pools, indexes.
            run(api, onePool, 50, "warm-up", database);
            run(api, onePool, perClient, "16 clients, one pool", database);
            run(api, ownPools, Math.min(perClient, 200), "16 clients, 16 pools", database);
        }
        System.exit(0);
    }

    private static void run(ApiClient api, long[] pools, int perClient, String label, LedgerDatabase database)
            throws Exception {
        Percentiles latency = new Percentiles(CLIENTS * perClient);
        AtomicInteger errors = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            long pool = pools[c];
            RestFixture client = new RestFixture(api);
            work.add(threads.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t0 = System.nanoTime();
                    ApiClient.Response response = client.allocate(pool);
                    latency.add(System.nanoTime() - t0);
                    if (response.status() != 201) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        threads.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = database.count("SELECT COUNT(*) FROM ip");
        long distinct = database.count("SELECT COUNT(DISTINCT addr_bin) FROM ip");
        System.out.printf("REST %-22s %.0f allocations/s, latency %s, errors %d, duplicates in the database %d%n",
                label, latency.count() / seconds, latency.summary("ms"), errors.get(), stored - distinct);
    }
}
