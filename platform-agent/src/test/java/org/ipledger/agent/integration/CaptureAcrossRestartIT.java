package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;

/** Rows a joined platform writes locally reach the master once, also those written while its agent restarts. */
class CaptureAcrossRestartIT {

    private static final int ROWS = 300;

    @TempDir
    Path dataDir;

    @Test
    void rowsWrittenBeforeDuringAndAfterAnAgentRestartReachTheMasterOnceAndLeaveThePlatform() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        try (MasterInstance master = ledger.startMaster()) {
            AgentInstance agent = AgentInstance.start(dataDir, platform);
            ApiClient anonymous = agent.operator();
            JoinChecksIT.join(anonymous, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
            AgentJoinIT.awaitState(anonymous, "active");
            String platformId = anonymous.get("/api/v1/integration").json().get("platformId").asString();
            platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'local', '10.70.0.0', 22)").update();
            platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, 'local pool')").update();
            platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) "
                    + "VALUES (1, 1, 1, '10.70.0.1', '10.70.3.254')").update();

            for (int i = 0; i < ROWS; i++) {
                if (i == ROWS / 3) {
                    agent.close();
                }
                if (i == 2 * ROWS / 3) {
                    agent = AgentInstance.start(dataDir, platform);
                }
                platform.jdbc().sql("INSERT INTO ip (ippool, addr, status, owner) VALUES (1, ?, 'allocated', ?)")
                        .params("10.70." + (i / 250) + "." + (i % 250 + 1), "vm-" + i).update();
                Thread.sleep(5);
            }

            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
                    ledger.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platformId) == ROWS
                            && platform.jdbc().sql("SELECT COUNT(*) FROM ip").query(Long.class).single() == 0);
            agent.close();
            assertThat(ledger.count("SELECT COUNT(*) FROM ledger_outbox WHERE type = 'address_allocated'")).isEqualTo(ROWS);
            assertThat(ledger.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ? AND kind = 'change' AND ok", platformId))
                    .isEqualTo(ROWS + 3);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE owner IS NOT NULL")).isZero();
            assertThat(ledger.ledgerIsGapFree()).isTrue();
        }
    }
}
