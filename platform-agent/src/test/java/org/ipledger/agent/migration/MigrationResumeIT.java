package org.ipledger.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.capture.LocalRowRemoval;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.kafka.ChangeChannels;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.OneMaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration stopped at the points where a crash matters, the agent restarted on the same state,
 * and the migration called again: every row ends on the master exactly once and the local tables
 * are empty (I6).
 */
class MigrationResumeIT extends OneMaster {

    private static final int ADDRESSES = 12_000;
    private static final long ROWS = 3 + 4 + 10 + ADDRESSES;


    @TempDir
    Path dataDir;

    @Test
    void shouldFinishOnceWhenStoppedAfterTheFirstChunk() {
        stopAtThenResume(41, "chunk_confirmed", 1);
    }

    @Test
    void shouldFinishOnceWhenStoppedAfterAllChunksBeforeTheLocalDelete() {
        stopAtThenResume(42, "chunks_confirmed", 3);
    }

    @Test
    void shouldFinishOnceWhenStoppedInTheMiddleOfTheLocalDelete() {
        stopAtThenResume(43, "rows_deleted", 5_000);
    }

    private void stopAtThenResume(int block, String where, long count) {
        PlatformDatabase platform = PlatformDatabases.fresh();
        PlatformRows.fill(platform, block, ADDRESSES);
        MasterLink link = PlatformRegistration.register(master, "resume-" + block + "-" + System.nanoTime());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MigrationOutcome stopped = crashingRun(agent, where, count).migrate(link);
            assertThat(stopped.result()).isEqualTo(MigrationOutcome.Result.FAILED);
            assertThat(stopped.error()).contains("migration_interrupted");
        }
        long localAfterCrash = PlatformRows.count(platform, "ip");
        if (!where.equals("rows_deleted")) {
            assertThat(localAfterCrash).isEqualTo(ADDRESSES);
        } else {
            assertThat(localAfterCrash).isEqualTo(ADDRESSES - 5_000);
        }

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MigrationOutcome resumed = agent.bean(MigrationRun.class).migrate(link);

            assertThat(resumed.result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
            assertThat(resumed.rows()).isEqualTo(ROWS);
        }
        String id = link.platformId();
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", id)).isEqualTo(ADDRESSES);
        assertThat(database.count("SELECT COUNT(DISTINCT addr) FROM ip WHERE platform_id = ?", id)).isEqualTo(ADDRESSES);
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", id)).isEqualTo(3);
        assertThat(database.count("SELECT COUNT(*) FROM ippool WHERE platform_id = ?", id)).isEqualTo(4);
        assertThat(database.count("SELECT COUNT(*) FROM ippool_range WHERE platform_id = ?", id)).isEqualTo(10);
        for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
            assertThat(PlatformRows.count(platform, table)).as(table).isZero();
        }
        // Each chunk was sent once or twice (again after the stop), and always under the same id.
        Map<String, Long> chunks = MasterFixture.changesOf(link).stream()
                .collect(Collectors.groupingBy(r -> new String(r.headers().lastHeader("ce_id").value()), Collectors.counting()));
        assertThat(chunks).hasSize(3);
        assertThat(database.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ?", id)).isEqualTo(3);
    }

    /** A run on the agent's beans that throws where a crash is simulated. */
    private static MigrationRun crashingRun(AgentInstance agent, String where, long count) {
        Checkpoint crash = (point, reached) -> {
            if (point.equals(where) && reached >= count) {
                throw new IllegalStateException("simulated crash at " + point + " " + reached);
            }
        };
        return new MigrationRun(agent.bean(PlatformDatabase.class), agent.bean(DataSource.class),
                agent.bean(ChangeChannels.class), agent.bean(ChangeCapture.class), agent.bean(LocalRowRemoval.class), crash,
                Duration.ofMinutes(1));
    }
}
