package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;

/**
 * Rows a joined platform keeps writing reach the master once even when its agent is killed with
 * SIGKILL twice while changes are on their way (sent, receipts not yet handled).
 */
class CaptureCrashIT {

    private static final int ROWS = 600;

    @TempDir
    Path dataDir;

    @Test
    void rowsCapturedAcrossTwoKillsReachTheMasterOnceAndLeaveThePlatform() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        try (MasterInstance master = ledger.startMaster(); KillableAgent agent = KillableAgent.start(dataDir, platform)) {
            ApiClient client = agent.client();
            JoinChecksIT.join(client, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
            AgentJoinIT.awaitState(client, "active");
            String platformId = client.get("/api/v1/integration").json().get("platformId").asString();
            platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'local', '10.71.0.0', 22)").update();
            platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, 'local pool')").update();
            platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) "
                    + "VALUES (1, 1, 1, '10.71.0.1', '10.71.3.254')").update();

            // The platform writes on, about 300 rows a second, whatever its agent does.
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < ROWS; i++) {
                    platform.jdbc().sql("INSERT INTO ip (ippool, addr, status, owner) VALUES (1, ?, 'allocated', ?)")
                            .params("10.71." + (i / 250) + "." + (i % 250 + 1), "vm-" + i).update();
                    written.incrementAndGet();
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            for (int kill = 1; kill <= 2; kill++) {
                int at = kill * ROWS / 3;
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= at);
                agent.killAndRestart();
            }
            writer.join();

            Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platformId))
                        .as(() -> "local: " + platform.jdbc().sql("SELECT COALESCE(GROUP_CONCAT(CONCAT(id, ' ', addr)), '') FROM ip")
                                .query(String.class).single() + "\nthe agent's log:\n" + agent.logTail())
                        .isEqualTo(ROWS);
                assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM ip").query(Long.class).single()).isZero();
            });
            agent.close();
            assertThat(ledger.count("SELECT COUNT(*) FROM ledger_outbox WHERE type = 'address_allocated'")).isEqualTo(ROWS);
            assertThat(ledger.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ? AND kind = 'change' AND ok",
                    platformId)).isEqualTo(ROWS + 3);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE owner IS NOT NULL")).isZero();
            assertThat(ledger.ledgerIsGapFree()).isTrue();
        }
    }
}
