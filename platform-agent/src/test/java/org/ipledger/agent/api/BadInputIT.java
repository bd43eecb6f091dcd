package org.ipledger.agent.api;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.ipledger.agent.replica.ReplicaFixture;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.api.BadInputTable;
import org.ipledger.web.BearerTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The master's bad-input table sent to an agent joined to it: every row gets the same status and
 * error code from the agent as from the master, whether the agent refuses it itself or passes on
 * the master's refusal of the command.
 */
class BadInputIT {

    @TempDir
    static Path dataDir;

    private static MasterInstance master;
    private static ReplicaFixture joined;
    private static BadInputTable.Target target;

    @BeforeAll
    static void joinAnAgent() {
        LedgerDatabase database = LedgerDatabase.fresh();
        master = database.startMaster();
        // Re-checked every second, so the session expired below is read again from the agent's state.
        joined = ReplicaFixture.joined(master, database, dataDir, "ipledger.auth.session-check=1s");
        String agentUrl = joined.agent.baseUrl();
        ApiClient viewer = ApiClient.loggedIn(agentUrl, BadInputTable.createViewer(master.adminClient()),
                BadInputTable.VIEWER_PASSWORD);
        ApiClient expired = ApiClient.loggedIn(agentUrl, MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
        joined.agent.bean(JdbcClient.class).sql("UPDATE agent_session SET expires_at = ? WHERE token_hash = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), BearerTokens.hash(expired.token())).update();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> expired.get("/api/v1/networks").status() == 401);
        target = new BadInputTable.Target(joined.reads, viewer, expired, BadInputTable.build(joined.reads));
    }

    @AfterAll
    static void stop() {
        joined.close();
        master.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ipledger.master.api.BadInputTable#rows")
    void badInputIsRefusedAsTheMasterRefusesIt(BadInputTable.Row row) {
        BadInputTable.assertAnswered(row, target);
    }
}
