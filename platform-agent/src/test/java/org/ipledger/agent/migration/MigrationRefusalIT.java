package org.ipledger.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration whose first chunk the master refuses while the agent may still be reading the rest
 * of its snapshot: nothing is applied, nothing is deleted locally (I6).
 */
class MigrationRefusalIT {

    private static final int ADDRESSES = 100_000;

    @TempDir
    Path dataDir;

    @Test
    void shouldDeleteNothingLocallyWhenTheMasterRefusesTheFirstOfMoreChunksThanTheWindow() {
        LedgerDatabase database = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'refused', '100.64.0.0', 10)");
        local.update("INSERT INTO ippool (id, name) VALUES (1, 'refused')");
        local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) "
                + "VALUES (1, 1, 1, '100.64.0.1', '100.127.255.254')");
        local.update("""
                INSERT INTO ip (ippool, addr, status) SELECT 1,
                  CONCAT('100.', 64 + (seq DIV 65536), '.', (seq DIV 256) MOD 256, '.', seq MOD 256), 'allocated'
                FROM seq_1_to_%d""".formatted(ADDRESSES));

        try (MasterInstance master = database.startMaster();
                AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MasterLink link = PlatformRegistration.register(master, "refused-" + System.nanoTime());
            // The master's own network overlaps the platform's, so the chunk carrying it is refused.
            assertThat(master.adminClient().post("/api/v1/networks", "{\"cidr\": \"100.64.0.0/16\", \"name\": \"master-net\"}")
                    .status()).isEqualTo(201);

            MigrationOutcome outcome = agent.bean(MigrationRun.class).migrate(link);

            assertThat(outcome.result()).isEqualTo(MigrationOutcome.Result.REJECTED);
            assertThat(outcome.error()).contains("network_overlap");
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", link.platformId())).isZero();
            assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", link.platformId())).isZero();
            assertThat(PlatformRows.count(platform, "ip")).isEqualTo(ADDRESSES);
            assertThat(PlatformRows.count(platform, "ipnet")).isEqualTo(1);
            assertThat(agent.bean(MigrationRun.class).progress().phase()).isEqualTo(MigrationPhase.REJECTED.code());
        }
    }
}
