package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;

/** I6: an agent killed with SIGKILL anywhere in a migration finishes it when started again. */
class MigrationCrashIT {

    private static final int ADDRESSES = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void migrationKilledAtThreePointsFinishesWithEveryRowOnTheMasterOnceAndNothingLeftLocally() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        seed(platform);
        try (MasterInstance master = ledger.startMaster(); KillableAgent agent = KillableAgent.start(dataDir, platform)) {
            ApiClient client = agent.client();

            List<String> killedIn = new ArrayList<>();
            // Each kill point is held open with a lock, so a fast machine cannot run past it between two polls:
            // the master's structure lock holds every chunk unapplied, a lock on the last address holds the
            // local deletes after their first batch.
            try (Connection heldDeletes = platform.dataSource().getConnection();
                    Connection heldChunks = ledger.jdbc().getDataSource().getConnection()) {
                hold(heldDeletes, "SELECT id FROM ip ORDER BY id DESC LIMIT 1 FOR UPDATE");
                hold(heldChunks, "SELECT changes FROM structure_lock WHERE id = 1 FOR UPDATE");
                assertThat(JoinChecksIT.join(client, master.baseUrl(), MasterInstance.ADMIN_PASSWORD).status()).isEqualTo(202);
                killedIn.add(killAt(agent, migration -> "publishing".equals(phase(migration))));
                heldChunks.rollback();
                killedIn.add(killAt(agent, migration -> "publishing".equals(phase(migration)) && done(migration) > 0));
                killedIn.add(killAt(agent, migration -> "deleting".equals(phase(migration)) && done(migration) > 0));
                heldDeletes.rollback();
            }
            AgentJoinIT.awaitState(client, "active");
            String platformId = client.get("/api/v1/integration").json().get("platformId").asString();
            agent.close();

            assertThat(killedIn).hasSize(3);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platformId)).isEqualTo(ADDRESSES);
            assertThat(ledger.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", platformId)).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ippool WHERE platform_id = ?", platformId)).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ippool_range WHERE platform_id = ?", platformId)).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ledger_outbox WHERE type = 'address_allocated'")).isEqualTo(ADDRESSES);
            assertThat(ledger.ledgerIsGapFree()).isTrue();
            for (String table : new String[] {"ip", "ippool_range", "ippool", "ipnet"}) {
                assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
            }
        }
    }

    private static void hold(Connection connection, String lockingQuery) throws SQLException {
        connection.setAutoCommit(false);
        connection.createStatement().executeQuery(lockingQuery).close();
    }

    private static String killAt(KillableAgent agent, Predicate<JsonNode> point) {
        JsonNode reached = awaitMigration(agent.client(), point);
        agent.killAndRestart();
        return phase(reached) + " " + done(reached);
    }

    private static JsonNode awaitMigration(ApiClient client, Predicate<JsonNode> point) {
        JsonNode[] reached = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode status = client.get("/api/v1/integration").json();
            assertThat(status.get("state").asString()).as("the migration ended before the kill point").isEqualTo("migrating");
            reached[0] = status.path("migration");
            return point.test(reached[0]);
        });
        return reached[0];
    }

    private static String phase(JsonNode migration) {
        return migration.path("phase").asString("");
    }

    private static long done(JsonNode migration) {
        return migration.path("done").asLong();
    }

    private static void seed(PlatformDatabase platform) {
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'big', '10.128.0.0', 16)").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, 'big pool')").update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) "
                + "VALUES (1, 1, 1, '10.128.0.1', '10.128.255.254')").update();
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= ADDRESSES; i++) {
            values.append(values.isEmpty() ? "" : ",").append("(1, '10.128.").append(i / 256).append('.').append(i % 256)
                    .append("', 'allocated', 'vm-").append(i).append("')");
            if (i % 5_000 == 0) {
                platform.jdbc().sql("INSERT INTO ip (ippool, addr, status, owner) VALUES " + values).update();
                values.setLength(0);
            }
        }
    }

}
