package org.ipledger.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    void deletesTheAddressesOfConfirmedChunksWhileLaterChunksAreStillUnconfirmed() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        PlatformRows.fill(platform, 33, 12_000);
        MasterLink link = PlatformRegistration.register(master, "migration-pipelined-" + System.nanoTime());
        // Chunk 0 holds the 17 structure rows and addresses 1..4,983, chunk 1 the next 5,000.
        long lastOfSecondChunk = 2 * PlatformSnapshot.CHUNK_ROWS - 17;
        List<Long> leftWhenTwoOfThreeWereConfirmed = new ArrayList<>();

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MigrationRun run = MigrationRuns.withCheckpoint(agent, (point, reached) -> {
                if (point.equals("chunk_confirmed") && reached == 2) {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> PlatformRows.count(platform, "ip") == 12_000 - lastOfSecondChunk);
                    leftWhenTwoOfThreeWereConfirmed.addAll(platform.jdbc().sql("SELECT id FROM ip ORDER BY id")
                            .query(Long.class).list());
                }
            });
            MigrationOutcome outcome = run.migrate(link);

            assertThat(outcome.result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
        }
        assertThat(leftWhenTwoOfThreeWereConfirmed).hasSize((int) (12_000 - lastOfSecondChunk))
                .allSatisfy(id -> assertThat(id).isGreaterThan(lastOfSecondChunk));
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", link.platformId())).isEqualTo(12_000);
        for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
            assertThat(PlatformRows.count(platform, table)).as(table).isZero();
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
