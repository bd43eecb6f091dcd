package org.ipledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.ipledger.agent.replica.ReplicaFixture;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.Topics;

/**
 * The replica's figures: lag from a master commit to visible on the agent, one allocation at a
 * time and under a steady rate of allocations from many clients (open loop: each client keeps
 * its schedule whatever the lag), the rate a tail applies a burst of entries, and the rate a
 * snapshot of 100,000 addresses loads. Printed as lines starting with {@code FIGURE}; the
 * replica's content is checked, its speed only printed.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.ReplicaBenchmark
 * [-Dsequential=300 -Dsteady-rate=400 -Dsteady-warm-up-seconds=60 -Dsteady-seconds=60 -Dbulk-requests=98]}
 */
public final class ReplicaBenchmark {

    private static final int SEQUENTIAL = Integer.getInteger("sequential", 300);
    private static final int STEADY_RATE = Integer.getInteger("steady-rate", 400);
    private static final int STEADY_WARM_UP_SECONDS = Integer.getInteger("steady-warm-up-seconds", 60);
    private static final int STEADY_SECONDS = Integer.getInteger("steady-seconds", 60);
    private static final int STEADY_CLIENTS = 16;
    private static final int BULK_REQUESTS = Integer.getInteger("bulk-requests", 98);
    private static final int PER_REQUEST = 1024;

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("replica-bench");
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster();
             ReplicaFixture follower = ReplicaFixture.joined(master, database, dataDir.resolve("follower"))) {
            ApiClient admin = master.adminClient();
            RestFixture rest = new RestFixture(admin);
            long small = rest.poolWithRange("10.60.0.0/22", "10.60.0.1", "10.60.3.254");
            follower.awaitMaster(database);

            List<Double> lags = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL; i++) {
                lags.add(visibleAfter(rest, follower, small) / 1e6);
            }
            Collections.sort(lags);
            System.out.printf("FIGURE replica lag, REST commit answered -> visible on the agent, %d sequential: "
                    + "median %.1f ms, p99 %.1f ms, max %.1f ms%n", SEQUENTIAL, lags.get(lags.size() / 2),
                    lags.get((int) Math.ceil(lags.size() * 0.99) - 1), lags.get(lags.size() - 1));
            Timer delay = follower.agent.bean(MeterRegistry.class).get("ipledger.replica.delay").timer();
            for (ValueAtPercentile p : delay.takeSnapshot().percentileValues()) {
                System.out.printf("FIGURE replica delay metric (committedAt -> applied) p%.0f %.1f ms%n",
                        p.percentile() * 100, p.value(TimeUnit.MILLISECONDS));
            }

            long big = rest.poolWithRange("10.64.0.0/14", "10.64.0.1", "10.65.255.254");
            long started = System.nanoTime();
            for (int i = 0; i < BULK_REQUESTS; i++) {
                ApiClient.Response response = admin.post("/api/v1/pools/" + big + "/allocations",
                        "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": " + PER_REQUEST + "}");
                assertThat(response.status()).as(response.body()).isIn(200, 201);
            }
            double allocated = (System.nanoTime() - started) / 1e9;
            follower.awaitMaster(database);
            double caughtUp = (System.nanoTime() - started) / 1e9;
            int bulk = BULK_REQUESTS * PER_REQUEST;
            System.out.printf("FIGURE tail: %d allocations committed on the master in %.1f s; applied on the agent "
                    + "%.1f s after the first (%.0f entries/s end to end)%n", bulk, allocated, caughtUp, bulk / caughtUp);

            long fresh = System.nanoTime();
            try (ReplicaFixture newcomer = ReplicaFixture.joined(master, database, dataDir.resolve("newcomer"))) {
                double total = (System.nanoTime() - fresh) / 1e9;
                long rows = newcomer.state().sql("SELECT COUNT(*) FROM replica_address").query(Long.class).single();
                assertThat(rows).isGreaterThanOrEqualTo(bulk);
                System.out.printf("FIGURE a new agent (start, join, snapshot of %d addresses, catch-up) reads at the "
                        + "master's seq after %.1f s; see the log line 'replica loaded the master's snapshot' for "
                        + "the load alone%n", rows, total);
                assertSameAddressCount(admin, newcomer, big);
            }
            // Last: the many small ledger runs of this phase make the test fixture's ledger checks slow.
            long steady = rest.poolWithRange("10.70.0.0/16", "10.70.0.1", "10.70.255.254");
            steadyLoad(rest, follower, steady, STEADY_WARM_UP_SECONDS, null);
            LedgerLag ledgerLag = new LedgerLag(new Topics(database.topicPrefix()).ledger());
            ledgerLag.measureFrom(Instant.now());
            Percentiles steadyLags = new Percentiles(STEADY_RATE * STEADY_SECONDS + STEADY_CLIENTS);
            steadyLoad(rest, follower, steady, STEADY_SECONDS, steadyLags);
            System.out.printf("FIGURE replica lag, REST commit answered -> visible on the agent, %d allocations/s from %d "
                    + "clients for %d s after %d s of the same: %s%n", STEADY_RATE, STEADY_CLIENTS, STEADY_SECONDS,
                    STEADY_WARM_UP_SECONDS, steadyLags.summary("ms"));
            System.out.println("FIGURE ledger lag meanwhile, commit -> record on the ledger topic: " + ledgerLag.stop());
        }
        // The shared test servers (MariaDB, Kafka) keep threads alive that exec:java would wait for.
        System.exit(0);
    }

    /**
     * {@link #STEADY_RATE} allocations a second for {@code seconds}, spread over {@link #STEADY_CLIENTS}
     * clients that each keep a fixed schedule; each allocation's lag from its answer to visible on
     * the agent goes to {@code lags} (none when null: a warm-up).
     */
    private static void steadyLoad(RestFixture rest, ReplicaFixture follower, long pool, int seconds, Percentiles lags)
            throws Exception {
        long interval = 1_000_000_000L * STEADY_CLIENTS / STEADY_RATE;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(STEADY_CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < STEADY_CLIENTS; c++) {
            long first = start + interval * c / STEADY_CLIENTS;
            running.add(clients.submit(() -> {
                for (long due = first; due < end; due += interval) {
                    LockSupport.parkNanos(due - System.nanoTime());
                    long lag = visibleAfter(rest, follower, pool);
                    if (lags != null) {
                        lags.add(lag);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
    }

    /** Allocates one address on the master's REST API; the nanoseconds from its answer to visible on the agent. */
    private static long visibleAfter(RestFixture rest, ReplicaFixture follower, long pool) {
        String requestId = UUID.randomUUID().toString();
        ApiClient.Response response = rest.allocate(pool, requestId);
        long answered = System.nanoTime();
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        assertThat(follower.replica().awaitRequest(requestId, Duration.ofSeconds(10))).isTrue();
        return System.nanoTime() - answered;
    }

    private static void assertSameAddressCount(ApiClient admin, ReplicaFixture agent, long pool) {
        String path = "/api/v1/addresses?pool=" + pool + "&limit=1000&cursor=10.64.100.0";
        assertThat(agent.reads.get(path).json()).isEqualTo(admin.get(path).json());
    }
}
