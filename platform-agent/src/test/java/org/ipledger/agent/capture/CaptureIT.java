package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.migration.MasterFixture;
import org.ipledger.agent.migration.PlatformRows;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.OneMaster;
import org.ipledger.schemas.cloudevents.CloudEventTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Rows a joined platform writes locally reach the master once and leave the platform (flow 4). */
class CaptureIT extends OneMaster {

    private static final int ROWS = 1_000;
    /** How long a confirmed pool or network the platform created stays unused before it is deleted. */
    private static final String GRACE = "ipledger.agent.capture.unused-structure-grace=3s";

    @TempDir
    Path dataDir;

    @Test
    void shouldNotLoseNorDoubleRowsWhenCaptureRestartsMidway() throws InterruptedException {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform, GRACE)) {
            ChangeCapture capture = agent.bean(ChangeCapture.class);
            capture.start(link, false);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'captured', '10.51.0.0', 20)");
            local.update("INSERT INTO ippool (id, name) VALUES (1, 'captured-pool')");
            local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, '10.51.0.1', '10.51.15.254')");
            long started = System.nanoTime();
            for (int i = 0; i < ROWS; i++) {
                local.update("INSERT INTO ip (ippool, addr, status, owner) VALUES (1, ?, 'allocated', ?)",
                        "10.51." + (i / 250) + "." + (i % 250 + 1), i % 10 == 0 ? "vm-" + PlatformRows.SECRET : null);
                if (i == ROWS / 2) {
                    capture.stop();
                    capture.start(link, false);
                }
                // About 200 rows a second.
                long due = started + (i + 1) * 5_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }

            String id = link.platformId();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", id)).isEqualTo(ROWS);
                assertThat(PlatformRows.count(platform, "ip")).isZero();
                assertThat(PlatformRows.count(platform, "ippool")).isZero();
            });
            assertThat(database.count("SELECT COUNT(DISTINCT addr) FROM ip WHERE platform_id = ?", id)).isEqualTo(ROWS);
            assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ippool WHERE platform_id = ?", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ippool_range WHERE platform_id = ?", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ? AND ok", id))
                    .isEqualTo(ROWS + 3);
            for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
                assertThat(PlatformRows.count(platform, table)).as(table).isZero();
            }
            // On the topic: one event id per captured row; the agent's own deletes were not sent.
            List<ConsumerRecord<String, byte[]>> records = MasterFixture.changesOf(link);
            Map<String, Long> perEvent = records.stream().collect(
                    Collectors.groupingBy(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8),
                            Collectors.counting()));
            assertThat(perEvent).hasSize(ROWS + 3);
            assertThat(records).noneSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("\"op\":\"delete\""));
            assertThat(records).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(PlatformRows.SECRET));
            assertThat(MasterFixture.textOccurrences(database, PlatformRows.SECRET)).isZero();
            assertThat(capture.status().rejections()).isZero();
        }
    }

    @Test
    void everyRowOfOneLocalTransactionReachesTheMasterOnceAndLeavesThePlatformWithTheOwnerKeptLocally()
            throws SQLException {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-tx-" + System.nanoTime());
        String owner = "vm-" + PlatformRows.SECRET;

        try (AgentInstance agent = AgentInstance.start(dataDir, platform, GRACE)) {
            agent.bean(ChangeCapture.class).start(link, false);
            // All rows share the transaction's binlog position; two addresses share one event too.
            try (Connection connection = platform.dataSource().getConnection()) {
                connection.setAutoCommit(false);
                try (Statement insert = connection.createStatement()) {
                    insert.executeUpdate("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'in-one', '10.55.0.0', 24)");
                    insert.executeUpdate("INSERT INTO ippool (id, name) VALUES (1, 'in-one-pool')");
                    insert.executeUpdate("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) "
                            + "VALUES (1, 1, 1, '10.55.0.10', '10.55.0.20')");
                    insert.executeUpdate("INSERT INTO ip (id, ippool, addr, status, owner) VALUES "
                            + "(1, 1, '10.55.0.11', 'allocated', '" + owner + "'), (2, 1, '10.55.0.12', 'reserved', NULL)");
                }
                connection.commit();
            }

            String id = link.platformId();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
                    assertThat(PlatformRows.count(platform, table)).as("left locally in " + table).isZero();
                }
            });
            assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ? AND addr = '10.55.0.0'", id))
                    .isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ippool WHERE platform_id = ? AND name = 'in-one-pool'", id))
                    .isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ippool_range WHERE platform_id = ? AND start_addr = '10.55.0.10'"
                    + " AND end_addr = '10.55.0.20'", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND addr = '10.55.0.11'"
                    + " AND status = 'allocated' AND owner IS NULL AND ippool IS NOT NULL", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND addr = '10.55.0.12'"
                    + " AND status = 'reserved'", id)).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ? AND ok", id))
                    .isEqualTo(5);
            assertThat(MasterFixture.textOccurrences(database, PlatformRows.SECRET)).isZero();
            assertThat(new JdbcTemplate(agent.bean(DataSource.class)).queryForList(
                    "SELECT owner FROM local_owner WHERE address = '10.55.0.11'", String.class)).containsExactly(owner);
        }
    }

    @Test
    void aPoolThePlatformCreatedStaysWhileThePlatformInsertsIntoItAndGoesOnceUnused() throws InterruptedException {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-pool-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform, GRACE)) {
            agent.bean(ChangeCapture.class).start(link, false);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'slow', '10.53.0.0', 24)");
            local.update("INSERT INTO ippool (id, name) VALUES (1, 'slow-pool')");
            local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, '10.53.0.1', '10.53.0.254')");
            // Each address is confirmed and deleted before the next is inserted; the pool must
            // still be there for the next insert's foreign key.
            for (int i = 1; i <= 5; i++) {
                local.update("INSERT INTO ip (ippool, addr, status) VALUES (1, ?, 'allocated')", "10.53.0." + i);
                await().atMost(Duration.ofSeconds(30)).until(() -> PlatformRows.count(platform, "ip") == 0);
                Thread.sleep(1_000);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(PlatformRows.count(platform, "ippool")).isZero();
                assertThat(PlatformRows.count(platform, "ipnet")).isZero();
            });
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", link.platformId())).isEqualTo(5);
        }
    }

    @Test
    void theAgentsOwnDeletesAreForgottenOnceCaptureHasReadPastThem() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-prune-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());

        try (AgentInstance agent = AgentInstance.start(dataDir, platform, GRACE)) {
            agent.bean(ChangeCapture.class).start(link, false);
            OwnDeletes ownDeletes = agent.bean(OwnDeletes.class);
            OwnDeletePruning pruning = agent.bean(OwnDeletePruning.class);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'pruned', '10.54.0.0', 24)");
            local.update("INSERT INTO ippool (id, name) VALUES (1, 'pruned-pool')");
            local.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, '10.54.0.1', '10.54.0.254')");
            local.update("INSERT INTO ip (id, ippool, addr, status) VALUES (1, 1, '10.54.0.1', 'allocated')");
            await().atMost(Duration.ofSeconds(30)).until(() -> PlatformRows.count(platform, "ip") == 0);
            assertThat(ownDeletes.isOwn("ip", 1, Long.MAX_VALUE)).isTrue();
            pruning.prune();

            // Capture reads past the delete's commit only with the platform's next row.
            local.update("INSERT INTO ip (id, ippool, addr, status) VALUES (2, 1, '10.54.0.2', 'allocated')");
            await().atMost(Duration.ofSeconds(30)).until(() -> PlatformRows.count(platform, "ip") == 0);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                pruning.prune();
                return !ownDeletes.isOwn("ip", 1, Long.MAX_VALUE);
            });
            assertThat(ownDeletes.isOwn("ip", 2, Long.MAX_VALUE)).as("nothing captured after its delete yet").isTrue();
        }
    }

    @Test
    void aRefusedChangeIsRecordedAndItsRowStays() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-refused-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        // The master's own network overlaps the one the platform is about to create.
        assertThat(master.adminClient().post("/api/v1/networks", "{\"cidr\": \"10.52.0.0/16\", \"name\": \"master-net\"}")
                .status()).isEqualTo(201);

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            ChangeCapture capture = agent.bean(ChangeCapture.class);
            capture.start(link, false);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (7, 'overlapping', '10.52.1.0', 24)");

            await().atMost(Duration.ofSeconds(30)).until(() -> capture.status().rejections() == 1);
            CaptureStatus.Rejection rejection = capture.status().latest().get(0);
            assertThat(rejection.table()).isEqualTo("ipnet");
            assertThat(rejection.localId()).isEqualTo(7);
            assertThat(rejection.error()).isNotBlank();
            assertThat(PlatformRows.count(platform, "ipnet")).isEqualTo(1);
        }
    }

    @Test
    void aForgedReceiptAndAForgedReplyOnThePlatformsRepliesTopicChangeNothingOnThePlatform() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-forged-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        assertThat(master.adminClient().post("/api/v1/networks", "{\"cidr\": \"10.57.0.0/16\", \"name\": \"master-net\"}")
                .status()).isEqualTo(201);

        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            ChangeCapture capture = agent.bean(ChangeCapture.class);
            capture.start(link, false);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (8, 'overlapping', '10.57.1.0', 24)");
            await().atMost(Duration.ofSeconds(30)).until(() -> capture.status().rejections() == 1);
            String refused = capture.status().latest().get(0).eventId();
            String replies = link.topics().replies(link.platformId());
            Counter unmatched = agent.bean(MeterRegistry.class).counter("ipledger.agent.receipts.unmatched");
            double before = unmatched.count();

            // "ok" for the refused change, for a change never sent, and as a command reply nobody asked for.
            for (String eventId : List.of(refused, UUID.randomUUID().toString())) {
                MasterFixture.forge(replies, eventId, CloudEventTypes.CHANGE_RECEIPT,
                        eventId.getBytes(StandardCharsets.UTF_8), Map.of(), okReceipt(eventId));
            }
            MasterFixture.forge(replies, "c0ffee", "org.ipledger.reply.v1", new byte[16], Map.of(),
                    okReceipt(UUID.randomUUID().toString()));

            await().atMost(Duration.ofSeconds(30)).until(() -> unmatched.count() >= before + 2);
            local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (9, 'after', '10.58.0.0', 24)");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", link.platformId()) == 1);
            assertThat(local.queryForList("SELECT id FROM ipnet", Long.class)).contains(8L);
            assertThat(capture.status().rejections()).isEqualTo(1);
            assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.57.1.0'")).isZero();
        }
    }

    @Test
    void aReceiptTheMasterSentWhileTheAgentWasDownConfirmsTheChangeWhenTheAgentIsBack() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        MasterLink link = PlatformRegistration.register(master, "capture-answered-while-down-" + System.nanoTime());
        JdbcTemplate local = new JdbcTemplate(platform.dataSource());
        MessageListenerContainer changes = master.bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("ipledger-changes");
        String id = link.platformId();
        try {
            try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
                ChangeCapture capture = agent.bean(ChangeCapture.class);
                capture.start(link, false);
                changes.stop();
                local.update("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'answered-while-down', '10.61.0.0', 24)");
                await().atMost(Duration.ofSeconds(30)).until(() -> capture.unconfirmed() == 1);
            }
            // The master answers while the agent is down; stopping waits for the batch's receipts.
            changes.start();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    database.count("SELECT COUNT(*) FROM processed_change WHERE platform_id = ?", id) == 1);
            changes.stop();

            // Back, while the master answers nothing: only the receipt it sent already can confirm the change.
            try (AgentInstance agent = AgentInstance.start(dataDir, platform, GRACE)) {
                ChangeCapture capture = agent.bean(ChangeCapture.class);
                capture.start(link, false);
                await().atMost(Duration.ofSeconds(30)).until(() -> capture.unconfirmed() == 0);
                await().atMost(Duration.ofSeconds(30)).until(() -> PlatformRows.count(platform, "ipnet") == 0);
            }
        } finally {
            if (!changes.isRunning()) {
                changes.start();
            }
        }
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ? AND addr = '10.61.0.0'", id))
                .isEqualTo(1);
    }

    private static String okReceipt(String eventId) {
        return "{\"requestId\": \"" + eventId + "\", \"ok\": true, \"result\": {\"table\": \"ipnet\", \"localId\": 8, "
                + "\"op\": \"create\", \"effect\": \"created\"}}";
    }
}
