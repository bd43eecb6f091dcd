package org.ipledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipledger.cli.CommandLineRun.ipledger;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight's table and exit codes against an agent that answers as docs/design.md says: a stand-in
 * HTTP server on 127.0.0.1, so the rendering is pinned down whatever the agent's state.
 */
class PreflightCommandTests {

    private static final String CONFLICTS = """
            {"conflicts":[{"kind":"network_overlap","local":{"table":"ipnet","id":1,"cidr":"10.0.0.0/24"},
              "master":{"table":"ipnet","id":7,"cidr":"10.0.0.0/23","platformId":"master"},
              "message":"Network 10.0.0.0/24 overlaps the master's 10.0.0.0/23."}],
             "merges":[{"localNetworkId":2,"masterNetworkId":9}]}""";

    private final AtomicReference<String> received = new AtomicReference<>();
    private HttpServer agent;

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    @Test
    void conflictsAreATableAndTheExitCodeIs5() throws IOException {
        startAgent(CONFLICTS);

        CommandLineRun run = ipledger(Map.of(), "secret\n", "preflight", "--agent", agentUrl(),
                "--master", "http://master.example:8080", "--email", "admin@example.com");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NEGATIVE_OUTCOME.code());
        assertThat(run.out().lines()).containsExactly(
                "KIND             LOCAL                     MASTER                                      MESSAGE",
                "network_overlap  ipnet 1 cidr=10.0.0.0/24  ipnet 7 cidr=10.0.0.0/23 platformId=master  "
                        + "Network 10.0.0.0/24 overlaps the master's 10.0.0.0/23.",
                "1 conflict",
                "merges: local network 2 into the master's network 9");
        assertThat(received.get()).contains("\"masterUrl\":\"http://master.example:8080\"")
                .contains("\"email\":\"admin@example.com\"").contains("\"password\":\"secret\"");
    }

    @Test
    void noConflictsSaysThePlatformCanJoinAndExitsWith0() throws IOException {
        startAgent("{\"conflicts\":[],\"merges\":[]}");

        CommandLineRun run = ipledger(Map.of(), "secret\n", "preflight", "--agent", agentUrl(),
                "--master", "http://master.example:8080", "--email", "admin@example.com");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("no conflicts: the platform can join\n");
    }

    private void startAgent(String answer) throws IOException {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/api/v1/integration/preflight", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        agent.start();
    }

    private String agentUrl() {
        return "http://127.0.0.1:" + agent.getAddress().getPort();
    }
}
