package org.ipledger.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.OneMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** A platform's address space moved to a real master over real Kafka (flow 3, I5, I6). */
class MigrationIT extends OneMaster {


    @TempDir
    Path dataDir;

    @Test
    void movesEveryRowToTheMasterAndKeepsOwnersAndDnsblLocal() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        PlatformRows.fill(platform, 31, 5_000);
        MasterLink link = PlatformRegistration.register(master, "migration-" + System.nanoTime());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MigrationOutcome outcome = agent.bean(MigrationRun.class).migrate(link);

            assertThat(outcome.result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
            assertThat(outcome.rows()).isEqualTo(3 + 4 + 10 + 5_000);
            assertThat(agent.bean(MigrationRun.class).progress()).isEqualTo(new MigrationProgress("done", 5_017, 5_017));
            String id = link.platformId();
            assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", id)).isEqualTo(3);
            assertThat(database.count("SELECT COUNT(*) FROM ippool WHERE platform_id = ?", id)).isEqualTo(4);
            assertThat(database.count("SELECT COUNT(*) FROM ippool_range WHERE platform_id = ?", id)).isEqualTo(10);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", id)).isEqualTo(5_000);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND status = 'reserved'", id))
                    .isEqualTo(100);
            for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
                assertThat(PlatformRows.count(platform, table)).as(table).isZero();
            }
            assertThat(MasterFixture.textOccurrences(database, PlatformRows.SECRET)).isZero();
            assertThat(MasterFixture.changesOf(link)).isNotEmpty().allSatisfy(record -> assertThat(
                    new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(PlatformRows.SECRET));
            JdbcTemplate state = new JdbcTemplate(agent.bean(DataSource.class));
            assertThat(state.queryForObject("SELECT COUNT(*) FROM local_owner WHERE owner LIKE ? AND dnsbl LIKE ?",
                    Long.class, "%" + PlatformRows.SECRET, "%" + PlatformRows.SECRET + "%")).isEqualTo(500);
            assertThat(state.queryForObject("SELECT owner FROM local_owner WHERE address = '10.31.0.1'", String.class))
                    .isEqualTo("vm-0-" + PlatformRows.SECRET);
        }
    }

    @Test
    void aSecondCallAfterCompletionChangesNothing() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        PlatformRows.fill(platform, 32, 100);
        MasterLink link = PlatformRegistration.register(master, "migration-again-" + System.nanoTime());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MigrationOutcome first = agent.bean(MigrationRun.class).migrate(link);
            MigrationOutcome second = agent.bean(MigrationRun.class).migrate(link);

            assertThat(second.result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
            assertThat(second.migrationId()).isEqualTo(first.migrationId());
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", link.platformId())).isEqualTo(100);
        }
    }
}
