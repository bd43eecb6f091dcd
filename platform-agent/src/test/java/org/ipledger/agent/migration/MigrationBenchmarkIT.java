package org.ipledger.agent.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Manual benchmark, skipped unless {@code -Dipledger.bench=true}: a platform of 1,000,000
 * addresses migrated to a real master (time per phase), then capture lag (Debezium read to the
 * master's receipt) for rows written at 200/s. Prints its figures.
 *
 * <pre>./mvnw -q -pl platform-agent test -Dtest=MigrationBenchmarkIT -Dipledger.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "ipledger.bench", matches = "true")
class MigrationBenchmarkIT {

    @TempDir
    Path dataDir;

    @Test
    void migratesAMillionAddressesThenMeasuresCaptureLag() throws Exception {
        int addresses = Integer.getInteger("ipledger.bench.addresses", 1_000_000);
        LedgerDatabase database = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'bench', '100.64.0.0', 10)");
        local.update("INSERT INTO ippool (id, name) VALUES (1, 'bench')");
        local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, '100.64.0.1', '100.127.255.254')");
        long filling = System.nanoTime();
        local.update("""
                INSERT INTO ip (ippool, addr, status, owner) SELECT 1,
                  CONCAT('100.', 64 + (seq DIV 65536), '.', (seq DIV 256) MOD 256, '.', seq MOD 256), 'allocated',
                  IF(seq MOD 10 = 0, CONCAT('vm-', seq), NULL)
                FROM seq_1_to_%d""".formatted(addresses));
        System.out.printf("bench: %,d local addresses written in %d ms%n", addresses, ms(filling));

        try (MasterInstance master = MasterFixture.startMaster(database);
                AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            MasterLink link = PlatformRegistration.register(master, "bench-" + System.nanoTime());
            MigrationRun run = agent.bean(MigrationRun.class);
            Map<String, Long> phaseStarts = new LinkedHashMap<>();
            long started = System.nanoTime();
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    phaseStarts.putIfAbsent(run.progress().phase(), System.nanoTime());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            MigrationOutcome outcome = run.migrate(link);
            long total = ms(started);
            watcher.interrupt();
            assertThat(outcome.result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", link.platformId())).isEqualTo(addresses);
            assertThat(PlatformRows.count(platform, "ip")).isZero();
            long publishing = phaseStarts.getOrDefault("publishing", started);
            long deleting = phaseStarts.getOrDefault("deleting", publishing);
            long done = phaseStarts.getOrDefault("done", System.nanoTime());
            System.out.printf("bench: migration of %,d rows: %d ms in all; snapshot read + serialise + store %d ms, "
                    + "publish + master apply + receipts %d ms, local delete %d ms%n", outcome.rows(), total,
                    TimeUnit.NANOSECONDS.toMillis(publishing - started), TimeUnit.NANOSECONDS.toMillis(deleting - publishing),
                    TimeUnit.NANOSECONDS.toMillis(done - deleting));

            captureLag(agent, local, link);
        }
    }

    private static void captureLag(AgentInstance agent, JdbcTemplate local, MasterLink link) throws InterruptedException {
        ChangeCapture capture = agent.bean(ChangeCapture.class);
        capture.start(link, false);
        local.update("INSERT INTO ippool (id, name) VALUES (2, 'lag')");
        local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (2, 'lag', '100.200.0.0', 16)");
        local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (2, 2, 2, '100.200.0.1', '100.200.255.254')");
        int rows = 2_000;
        long started = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            local.update("INSERT INTO ip (ippool, addr, status) VALUES (2, ?, 'allocated')",
                    "100.200." + (i / 250) + "." + (i % 250 + 1));
            long wait = started + (i + 1) * 5_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> PlatformRows.count(agent.bean(PlatformDatabase.class), "ip") == 0);
        Timer lag = agent.bean(MeterRegistry.class).find("ipledger.capture.lag").timer();
        StringBuilder figures = new StringBuilder();
        for (ValueAtPercentile p : lag.takeSnapshot().percentileValues()) {
            figures.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        System.out.printf("bench: capture lag (Debezium read -> master's receipt) over %d rows at 200/s:%s, max %.1f ms%n",
                lag.count(), figures, lag.max(TimeUnit.MILLISECONDS));
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
