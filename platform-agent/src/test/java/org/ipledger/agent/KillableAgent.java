package org.ipledger.agent;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;
import org.ipledger.testing.ServiceProcess;

/**
 * A real agent in a JVM of its own, which a test kills with SIGKILL and starts again on the same
 * data directory, platform database and port, as a crash and a restart of the service would.
 */
public final class KillableAgent implements AutoCloseable {

    private final Path dataDir;
    private final PlatformDatabase platform;
    private final int port;
    private final List<String> properties;
    private ServiceProcess process;

    private KillableAgent(Path dataDir, PlatformDatabase platform, int port, List<String> properties) {
        this.dataDir = dataDir;
        this.platform = platform;
        this.port = port;
        this.properties = properties;
        this.process = AgentInstance.startProcess(dataDir, platform, port, properties);
    }

    /** @param properties Spring properties of every run of it, as {@code name=value} */
    public static KillableAgent start(Path dataDir, PlatformDatabase platform, String... properties) {
        return new KillableAgent(dataDir, platform, Loopback.freePort(), List.of(properties));
    }

    /** Where its REST API listens; the same across restarts. */
    public String baseUrl() {
        return process.baseUrl();
    }

    /** An anonymous client of its REST API with its setup token, as its operator's; it keeps working across restarts (same port). */
    public ApiClient client() {
        return AgentInstance.operator(process.baseUrl(), dataDir);
    }

    /** Joins it to the master as its operator would, with the master's administrator; returns once the integration is active. */
    public void joinTo(String masterUrl) {
        ApiClient operator = client();
        ApiClient.Response joined = operator.send(operator.request("/api/v1/integration")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"masterUrl\":\"" + masterUrl + "\",\"email\":\""
                        + MasterInstance.ADMIN_EMAIL + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}")));
        if (joined.status() != 202) {
            throw new IllegalStateException("join refused: " + joined);
        }
        Awaitility.await().atMost(Duration.ofSeconds(120))
                .until(() -> operator.get("/api/v1/integration").json().get("state").asString(), "active"::equals);
    }

    /** Its operating-system process id while it runs. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL, then the same agent again, once it answers. */
    public void killAndRestart() {
        kill();
        restart();
    }

    /** SIGKILL: the agent is down until {@link #restart()}. */
    public void kill() {
        process.kill();
    }

    /** The same agent again after {@link #kill()}, once it answers. */
    public void restart() {
        process = AgentInstance.startProcess(dataDir, platform, port, properties);
    }

    /** SIGSTOP: the agent holds its connections but answers nothing until {@link #resume()}. */
    public void pause() {
        process.pause();
    }

    public void resume() {
        process.resume();
    }

    /** How many lines of its log (every run of it) contain the text. */
    public long logLinesContaining(String text) {
        return process.logLinesContaining(text);
    }

    /** The end of its log (every run of it), for a failure message. */
    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
