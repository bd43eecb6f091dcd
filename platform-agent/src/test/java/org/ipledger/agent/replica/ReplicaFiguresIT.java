package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica's figures: lag from a master commit to visible on the agent, the rate a tail
 * applies a burst of entries, and the rate a snapshot of 100,000 addresses loads. Printed as
 * lines starting with {@code FIGURE}; asserted only loosely, since 2 shared cores are noisy.
 * Manual, skipped unless {@code -Dipledger.bench=true}:
 * <pre>./mvnw -q -pl platform-agent test -Dtest=ReplicaFiguresIT -Dipledger.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "ipledger.bench", matches = "true")
class ReplicaFiguresIT {

    private static final int SEQUENTIAL = 300;
    private static final int BULK_REQUESTS = 98;
    private static final int PER_REQUEST = 1024;

    @TempDir
    Path dataDir;

    @Test
    void lagTailRateAndSnapshotRate() {
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster();
             ReplicaFixture follower = ReplicaFixture.joined(master, database, dataDir.resolve("follower"))) {
            ApiClient admin = master.adminClient();
            RestFixture rest = new RestFixture(admin);
            long small = rest.poolWithRange("10.60.0.0/22", "10.60.0.1", "10.60.3.254");
            follower.awaitMaster(database);

            List<Double> lags = new ArrayList<>();
            for (int i = 0; i < SEQUENTIAL; i++) {
                String requestId = UUID.randomUUID().toString();
                ApiClient.Response response = rest.allocate(small, requestId);
                long committed = System.nanoTime();
                assertThat(response.status()).as(response.body()).isIn(200, 201);
                assertThat(follower.replica().awaitRequest(requestId, Duration.ofSeconds(10))).isTrue();
                lags.add((System.nanoTime() - committed) / 1e6);
            }
            Collections.sort(lags);
            System.out.printf("FIGURE replica lag, REST commit answered -> visible on the agent, %d sequential: "
                    + "median %.1f ms, p99 %.1f ms, max %.1f ms%n", SEQUENTIAL, lags.get(lags.size() / 2),
                    lags.get((int) Math.ceil(lags.size() * 0.99) - 1), lags.get(lags.size() - 1));
            Timer delay = follower.agent.bean(MeterRegistry.class).get("ipledger.replica.delay").timer();
            for (ValueAtPercentile p : delay.takeSnapshot().percentileValues()) {
                System.out.printf("FIGURE replica delay metric (committedAt -> applied) p%.0f %.1f ms%n",
                        p.percentile() * 100, p.value(java.util.concurrent.TimeUnit.MILLISECONDS));
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
        }
    }

    private static void assertSameAddressCount(ApiClient admin, ReplicaFixture agent, long pool) {
        String path = "/api/v1/addresses?pool=" + pool + "&limit=1000&cursor=10.64.100.0";
        assertThat(agent.reads.get(path).json()).isEqualTo(admin.get(path).json());
    }
}
