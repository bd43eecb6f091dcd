package org.ipledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.migration.MigrationOutcome;
import org.ipledger.agent.migration.MigrationRun;
import org.ipledger.agent.migration.PlatformRows;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform of 1,000,000 addresses migrated through a real agent to a real master (time per
 * phase), then capture lag (local commit to the master's receipt) for rows written at 200/s,
 * after warm-up rounds of such rows until the JIT compilers take at most 5 % of the JVM's CPU.
 * Prints its figures.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.AgentMigrationBenchmark
 * [-Daddresses=1000000 -Dwarm-up-addresses=200000 -Dlag-rows=6000 -Dlag-warm-up-rows=2000
 * -Dlag-max-warm-up-rounds=24]}
 */
public final class AgentMigrationBenchmark {

    /** How many rows the capture lag can write: 100.200.0.1 to 100.200.255.250, 250 per /24. */
    private static final int LAG_ADDRESSES = 64_000;

    public static void main(String[] args) throws Exception {
        int addresses = Integer.getInteger("addresses", 1_000_000);
        int warmUpAddresses = Integer.getInteger("warm-up-addresses", 200_000);
        Path dataDir = Files.createTempDirectory("agent-migration-bench");
        LedgerDatabase database = LedgerDatabase.fresh();
        // The platforms' databases on a server of their own, as deployed: capture then reads only
        // the platform's binlog, not the master's too.
        EmbeddedMariaDb platformServer = EmbeddedMariaDb.start(dataDir.resolve("platform-db"), false, 0, 2);
        PlatformDatabase platform = filled(PlatformDatabases.freshOn(platformServer), 100, 64, addresses);

        try (EmbeddedMariaDb closedLast = platformServer; MasterInstance master = database.startMaster()) {
            if (warmUpAddresses > 0) {
                warmUp(master, dataDir, filled(PlatformDatabases.freshOn(platformServer, "warm_up"), 10, 0, warmUpAddresses));
            }
            try (AgentInstance agent = AgentInstance.start(dataDir.resolve("agent"), platform)) {
                migrateMeasured(master, agent, database, platform, addresses);
            }
        }
        // The shared test servers (MariaDB, Kafka) keep threads alive that exec:java would wait for.
        System.exit(0);
    }

    /**
     * A platform of {@code addresses} allocated addresses, every tenth with an owner name, in one
     * network {@code first.second.0.0/10} and one pool.
     */
    private static PlatformDatabase filled(PlatformDatabase platform, int first, int second, int addresses) {
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        String prefix = first + ".";
        local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'bench', ?, 10)", prefix + second + ".0.0");
        local.update("INSERT INTO ippool (id, name) VALUES (1, 'bench')");
        local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, ?, ?)",
                prefix + second + ".0.1", prefix + (second + 63) + ".255.254");
        long filling = System.nanoTime();
        local.update("""
                INSERT INTO ip (ippool, addr, status, owner) SELECT 1,
                  CONCAT(?, ? + (seq DIV 65536), '.', (seq DIV 256) MOD 256, '.', seq MOD 256), 'allocated',
                  IF(seq MOD 10 = 0, CONCAT('vm-', seq), NULL)
                FROM seq_1_to_%d""".formatted(addresses), prefix, second);
        System.out.printf("bench: %,d local addresses written in %d ms%n", addresses, ms(filling));
        return platform;
    }

    /**
     * Another platform joins first, unmeasured: a master serves for a while before platforms
     * join, and a first migration in a fresh JVM also pays for compiling every path it takes.
     */
    private static void warmUp(MasterInstance master, Path dataDir, PlatformDatabase warmUpPlatform) {
        long started = System.nanoTime();
        try (AgentInstance agent = AgentInstance.start(dataDir.resolve("warm-up-agent"), warmUpPlatform)) {
            MasterLink link = PlatformRegistration.register(master, "bench-warm-up-" + System.nanoTime());
            assertThat(agent.bean(MigrationRun.class).migrate(link).result()).isEqualTo(MigrationOutcome.Result.COMPLETED);
        }
        System.out.printf("bench: warm-up migration of another platform, unmeasured: %d ms%n", ms(started));
    }

    private static void migrateMeasured(MasterInstance master, AgentInstance agent, LedgerDatabase database,
            PlatformDatabase platform, int addresses) throws InterruptedException {
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

        captureLag(agent, new JdbcTemplate(platform.dataSource()), link, database);
    }

    /**
     * Local commit to the master's receipt on the platform's replies topic, read by a consumer of
     * its own, for rows written one per transaction at 200/s. Measured once capture has read past
     * the migration's own deletes (a first row is confirmed) and the master has published the
     * migration's ledger entries, so it is the steady-state lag.
     */
    private static void captureLag(AgentInstance agent, JdbcTemplate local, MasterLink link, LedgerDatabase database)
            throws InterruptedException {
        ChangeCapture capture = agent.bean(ChangeCapture.class);
        PlatformDatabase platform = agent.bean(PlatformDatabase.class);
        long caughtUp = System.nanoTime();
        capture.start(link, false);
        local.update("INSERT INTO ippool (id, name) VALUES (2, 'lag')");
        local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (2, 'lag', '100.200.0.0', 16)");
        local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (2, 2, 2, '100.200.0.1', '100.200.255.254')");
        local.update("INSERT INTO ip (ippool, addr, status) VALUES (NULL, '100.200.255.253', 'allocated')");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                PlatformRows.count(platform, "ip") == 0 && PlatformRows.count(platform, "ippool_range") == 0);
        System.out.printf("bench: capture caught up with the migration's own deletes %d ms after the migration%n",
                ms(caughtUp));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> database.count(
                "SELECT COUNT(*) FROM ledger_outbox WHERE id > (SELECT last_outbox_id FROM ledger_position)") == 0
                && database.count("SELECT COUNT(*) FROM ledger_publication p JOIN ledger_position q "
                        + "ON p.published_seq = q.last_seq") == 1);
        System.out.printf("bench: the master had published the migration's ledger entries %d ms after the migration%n",
                ms(caughtUp));
        // 30 s of rows, so that p99 rests on 60 of them.
        int rows = Integer.getInteger("lag-rows", 6_000);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        int rounds;
        try (ReceiptClock clock = new ReceiptClock(link, committed, lags)) {
            rounds = warmUpCapture(local, committed, lags);
            writeAt200PerSecond(local, 0, rows, committed);
            await().atMost(Duration.ofSeconds(60)).until(() -> lags.size() >= rows);
        }
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        System.out.printf("bench: capture lag (local commit -> master's receipt at the agent) over %d rows at 200/s, "
                + "after %d warm-up rounds: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.size(), rounds,
                at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        Timer lag = agent.bean(MeterRegistry.class).find("ipledger.capture.lag").timer();
        StringBuilder figures = new StringBuilder();
        for (ValueAtPercentile p : lag.takeSnapshot().percentileValues()) {
            figures.append(String.format(" p%.0f %.1f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        System.out.printf("bench: the agent's ipledger.capture.lag (Debezium read -> receipt, all rows since start):%s%n",
                figures);
    }

    /**
     * Unmeasured rounds of rows at 200/s (10 s each by default) until the JIT compilers took at most
     * 5 % of the JVM's CPU in a round: master, broker, agent and Debezium share this JVM, and the
     * capture path is compiled only while rows pass, well after a migration warmed up the rest.
     * Lag measured sooner is the compilers' CPU, not the path's. Addresses from 100.200.40.1 on,
     * apart from the measured rows'.
     *
     * @return the rounds it took
     */
    private static int warmUpCapture(JdbcTemplate local, Map<String, Long> committed, List<Long> lags)
            throws InterruptedException {
        int rows = Integer.getInteger("lag-warm-up-rows", 2_000);
        int maxRounds = Math.min(Integer.getInteger("lag-max-warm-up-rounds", 24), (LAG_ADDRESSES - 10_000) / rows);
        long pid = ProcessHandle.current().pid();
        for (int round = 1; ; round++) {
            Map<String, Double> groupsBefore = ProcessCpu.byThreadGroup(pid);
            double cpuBefore = ProcessCpu.seconds(pid);
            writeAt200PerSecond(local, 10_000 + (round - 1) * rows, rows, committed);
            await().atMost(Duration.ofSeconds(60)).until(() -> lags.size() >= rows);
            double compiling = ProcessCpu.compiling(groupsBefore, ProcessCpu.byThreadGroup(pid))
                    / (ProcessCpu.seconds(pid) - cpuBefore);
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            lags.clear();
            System.out.printf("bench: capture warm-up round %d: p50 %.1f ms, p99 %.1f ms, JIT compilers %.0f %% of the "
                    + "JVM's CPU%n", round, at(sorted, 0.5), at(sorted, 0.99), compiling * 100);
            if (compiling <= ProcessCpu.SETTLED_COMPILING_SHARE || round >= maxRounds) {
                return round;
            }
        }
    }

    /** Rows one per transaction, 200 a second, each one's commit time kept by its address. */
    private static void writeAt200PerSecond(JdbcTemplate local, int from, int rows, Map<String, Long> committed)
            throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            int n = from + i;
            String address = "100.200." + (n / 250) + "." + (n % 250 + 1);
            long before = System.nanoTime();
            // No local pool: capture moves the pool to the master and deletes it locally meanwhile.
            local.update("INSERT INTO ip (ippool, addr, status) VALUES (NULL, ?, 'allocated')", address);
            committed.put(address, (before + System.nanoTime()) / 2);
            long wait = started + (i + 1) * 5_000_000L - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private static double at(List<Long> sorted, double percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile * sorted.size()) - 1)) / 1e6;
    }

    /** Reads receipts from the platform's replies topic and times each address from its local commit. */
    private static final class ReceiptClock implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread poller;
        private volatile boolean running = true;

        ReceiptClock(MasterLink link, Map<String, Long> committed, List<Long> lags) {
            Map<String, Object> properties = link.consumerProperties("bench-lag");
            properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(link.topics().replies(link.platformId())).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            JsonMapper json = JsonMapper.builder().build();
            poller = new Thread(() -> {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        JsonNode address = json.readTree(record.value()).path("result").path("address");
                        Long at = address.isString() ? committed.remove(address.asString()) : null;
                        if (at != null) {
                            lags.add(now - at);
                        }
                    }
                }
                consumer.close();
            }, "bench-receipts");
            poller.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join(5_000);
        }
    }

    private static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
