package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PoolAddresses;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The replica's write path across a crash: the agent is killed (SIGKILL) while it applies a
 * stream of ledger entries, many per poll and transaction; started again, it goes on from the
 * position it had committed with the entries, without a gap and without loading a snapshot, and
 * reads exactly as the master.
 */
class ReplicaCrashIT {

    private static final int CLIENTS = 4;
    private static final int PER_REQUEST = 20;

    @TempDir
    Path dataDir;

    @Test
    void replicaKilledWhileApplyingResumesGapFreeAndEqualToTheMaster() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        try (MasterInstance master = ledger.startMaster();
                KillableAgent agent = KillableAgent.start(dataDir, PlatformDatabases.fresh())) {
            agent.joinTo(master.baseUrl());
            ApiClient admin = master.adminClient();
            long pool = new RestFixture(admin).poolWithRange("10.0.0.0/16", "10.0.0.1", "10.0.255.254");
            ApiClient reads = ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);

            AtomicBoolean allocating = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                load.add(clients.submit(() -> {
                    while (allocating.get()) {
                        ApiClient.Response allocated = admin.post("/api/v1/pools/" + pool + "/allocations",
                                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":" + PER_REQUEST + "}");
                        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            // Killed once the replica is applying the stream, which goes on while the agent is down.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> PoolAddresses.read(reads, pool).size() >= 200);
            agent.kill();
            Thread.sleep(1_000);
            allocating.set(false);
            for (Future<?> client : load) {
                client.get();
            }
            clients.shutdown();
            agent.restart();

            List<String> onMaster = PoolAddresses.read(admin, pool);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PoolAddresses.read(reads, pool), onMaster::equals);
            agent.close();

            long lastSeq = ReplicaFixture.lastSeq(ledger);
            JdbcClient state = JdbcClient.create(new DriverManagerDataSource(
                    "jdbc:h2:file:" + dataDir.resolve("agent-state"), "agent", ""));
            assertThat(state.sql("SELECT applied_seq FROM replica_position").query(Long.class).single()).isEqualTo(lastSeq);
            assertThat(state.sql("SELECT COUNT(*) FROM replica_address").query(Long.class).single())
                    .isEqualTo(ledger.count("SELECT COUNT(*) FROM ip"));
            assertThat(Files.readAllLines(dataDir.resolve("logs/ipledger-agent.log")).stream()
                    .filter(line -> line.contains("replica loaded the master's snapshot")))
                    .as("the snapshot of the join only: the restarted replica read on from its position").hasSize(1);
        }
    }
}
