package org.ipledger.e2e.faults;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;

/** One platform's agent in a JVM of its own, joined to the master, on its platform's database. */
final class AgentNode implements Node {

    private final int platform;
    private final KillableAgent agent;
    private final PlatformDatabase database;

    private AgentNode(int platform, KillableAgent agent, PlatformDatabase database) {
        this.platform = platform;
        this.agent = agent;
        this.database = database;
    }

    /**
     * The run's platforms never write into a network or pool again once they wrote it, so the
     * agent need not keep one locally for long after the master confirmed it: with the default
     * minute the run would wait that long to see its last local writes gone.
     */
    private static final String UNUSED_STRUCTURE_GRACE = "ipledger.agent.capture.unused-structure-grace=5s";

    /** Starts the agent, not joined yet; returns once it answers. */
    static AgentNode start(int platform, Path dataDir, PlatformDatabase database) {
        return new AgentNode(platform, KillableAgent.start(dataDir, database, UNUSED_STRUCTURE_GRACE), database);
    }

    /** Joins it to the master; returns once its integration is active. */
    void join(String masterUrl) {
        ApiClient operator = agent.client();
        ApiClient.Response joined = operator.send(operator.request("/api/v1/integration")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"masterUrl\":\"" + masterUrl + "\",\"email\":\""
                        + MasterInstance.ADMIN_EMAIL + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}")));
        if (joined.status() != 202) {
            throw new IllegalStateException("platform " + platform + " did not join: " + joined);
        }
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(this::state, "active"::equals);
    }

    @Override
    public String name() {
        return "agent-" + platform;
    }

    int platform() {
        return platform;
    }

    String baseUrl() {
        return agent.baseUrl();
    }

    PlatformDatabase database() {
        return database;
    }

    /** The integration state, or what kept the agent from answering. */
    String state() {
        try {
            ApiClient.Response status = new ApiClient(baseUrl(), null).get("/api/v1/integration");
            return status.status() == 200 ? status.json().get("state").asString() : "http " + status.status();
        } catch (RuntimeException e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public void kill() {
        agent.kill();
    }

    @Override
    public void restart() {
        agent.restart();
    }

    @Override
    public void pause() {
        agent.pause();
    }

    @Override
    public void resume() {
        agent.resume();
    }

    void close() {
        agent.close();
    }
}
