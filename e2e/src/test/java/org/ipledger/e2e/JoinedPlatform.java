package org.ipledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;

/**
 * A platform with its own database and its agent, joined to a master. The agent listens on a
 * fixed port so that its clients keep their URL when it is restarted on the same state.
 */
final class JoinedPlatform implements AutoCloseable {

    private final Path dataDir;
    private final PlatformDatabase database;
    private final int port;
    private AgentInstance agent;

    private JoinedPlatform(Path dataDir, PlatformDatabase database, int port) {
        this.dataDir = dataDir;
        this.database = database;
        this.port = port;
        this.agent = start();
    }

    /** Starts an agent on a fresh platform database and joins it; returns once the integration is active. */
    static JoinedPlatform join(MasterInstance master, Path dataDir) {
        JoinedPlatform platform = new JoinedPlatform(dataDir, PlatformDatabases.fresh(), FreePorts.next());
        join(AgentInstance.operator(platform.baseUrl(), dataDir), master.baseUrl());
        return platform;
    }

    /** Joins the agent behind this operator's client to the master; returns once the integration is active. */
    static void join(ApiClient agent, String masterUrl) {
        ApiClient.Response joined = agent.send(agent.request("/api/v1/integration")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"masterUrl\":\"" + masterUrl + "\",\"email\":\""
                        + MasterInstance.ADMIN_EMAIL + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}")));
        assertThat(joined.status()).as(joined.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(90))
                .until(() -> agent.get("/api/v1/integration").json().get("state").asString(), "active"::equals);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The master's administrator, logged in through this agent. */
    ApiClient admin() {
        return ApiClient.loggedIn(baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    AgentInstance agent() {
        return agent;
    }

    /** Stops the agent and starts it again on the same state directory, platform database and port. */
    void restart() {
        agent.close();
        agent = start();
    }

    private AgentInstance start() {
        return AgentInstance.start(dataDir, database, "server.port=" + port);
    }

    @Override
    public void close() {
        agent.close();
    }
}
