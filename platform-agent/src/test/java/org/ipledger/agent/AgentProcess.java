package org.ipledger.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import org.ipledger.agent.platformdb.PlatformDatabase;

/**
 * A platform agent in a JVM of its own, started from the test classpath, so a test can kill it
 * with {@code kill -9} at any moment, as a crash would, and start it again on the same state.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private AgentProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AgentProcess start(Path dataDir, PlatformDatabase platform, int port) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), PlatformAgentApplication.class.getName(),
                "--ipledger.data-dir=" + dataDir, "--ipledger.agent.platform-db.url=" + platform.jdbcUrl(),
                "--ipledger.agent.platform-db.username=" + platform.username(),
                "--ipledger.agent.platform-db.password=" + platform.password(),
                "--logging.file.name=" + dataDir.resolve("logs/ipledger-agent.log"), "--server.port=" + port,
                "--spring.main.banner-mode=off"));
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("process.log").toFile())).start();
            AgentProcess agent = new AgentProcess(process, port);
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(agent::answers);
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("agent process exited with " + process.exitValue());
        }
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/info")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
