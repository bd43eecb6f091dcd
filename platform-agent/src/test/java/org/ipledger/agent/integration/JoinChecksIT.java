package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.testing.SharedMariaDb;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Every way a join is refused, each with its own code, and the refusals of an unjoined agent. */
class JoinChecksIT {

    @TempDir
    static Path dataDir;

    private static LedgerDatabase ledger;
    private static MasterInstance master;
    private static AgentInstance agent;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        ledger = LedgerDatabase.fresh();
        master = ledger.startMaster();
        agent = AgentInstance.start(dataDir.resolve("agent"), PlatformDatabases.fresh());
        client = agent.operator();
    }

    @AfterAll
    static void stop() {
        agent.close();
        master.close();
    }

    @Test
    void unjoinedAgentRefusesEveryAddressSpaceOperationWithRetryAfter() {
        for (ApiClient.Response response : new ApiClient.Response[] {client.get("/api/v1/networks"),
                client.post("/api/v1/pools/1/allocations", "{\"requestId\":\"r1\"}"), client.delete("/api/v1/addresses/10.0.0.1")}) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.error()).isEqualTo("integration_not_configured");
        }
    }

    @Test
    void tokensTheAgentDidNotIssueGetTheJsonErrorBody() {
        ApiClient anonymous = new ApiClient(agent.baseUrl(), null);
        ApiClient.Response unknown = anonymous.withToken("not-a-token").delete("/api/v1/integration");
        ApiClient.Response missing = anonymous.get("/api/v1/users");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).isEqualTo("invalid_token");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).isEqualTo("unauthorized");
    }

    @Test
    void unconfiguredAgentRefusesJoinPreflightDrainAndDetachWithoutTheSetupToken() {
        ApiClient anonymous = new ApiClient(agent.baseUrl(), null);
        long platforms = ledger.count("SELECT COUNT(*) FROM platform");

        for (ApiClient.Response response : List.of(join(anonymous, master.baseUrl(), MasterInstance.ADMIN_PASSWORD),
                anonymous.post("/api/v1/integration/preflight", joinBody(master.baseUrl(), MasterInstance.ADMIN_PASSWORD)),
                anonymous.post("/api/v1/integration/drain", ""), anonymous.delete("/api/v1/integration"))) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.error()).isEqualTo("setup_token_required");
        }
        assertThat(ledger.count("SELECT COUNT(*) FROM platform")).isEqualTo(platforms);
    }

    @Test
    void unconfiguredAgentRefusesJoinAndPreflightWithAWrongSetupToken() {
        ApiClient guessing = new ApiClient(agent.baseUrl(), null).withHeader(SetupToken.HEADER, "0".repeat(64));
        long platforms = ledger.count("SELECT COUNT(*) FROM platform");

        for (ApiClient.Response response : List.of(join(guessing, master.baseUrl(), MasterInstance.ADMIN_PASSWORD),
                guessing.post("/api/v1/integration/preflight", joinBody(master.baseUrl(), MasterInstance.ADMIN_PASSWORD)))) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.error()).isEqualTo("invalid_setup_token");
        }
        assertThat(ledger.count("SELECT COUNT(*) FROM platform")).isEqualTo(platforms);
    }

    @Test
    void theSetupTokenIsRandomAndReadableByTheAgentsUserOnly() throws IOException {
        Path file = dataDir.resolve("agent").resolve(SetupToken.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AgentInstance.setupToken(dataDir.resolve("agent"))).matches("[0-9a-f]{64}");
    }

    @Test
    void anHttpMasterOnAHostOtherThanALoopbackAddressIsRefused() {
        ApiClient.Response response = join("http://master.invalid:8080", MasterInstance.ADMIN_PASSWORD);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("master_insecure_url");
    }

    @Test
    void unreachableMasterIsRefusedAndTheStateShowsWhy() {
        ApiClient.Response response = join("http://127.0.0.1:1", MasterInstance.ADMIN_PASSWORD);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.error()).isEqualTo("master_unreachable");
        ApiClient.Response status = client.get("/api/v1/integration");
        assertThat(status.json().get("state").asString()).isEqualTo("failed");
        assertThat(status.json().get("error").asString()).isEqualTo("master_unreachable");
    }

    @Test
    void redirectIsNotFollowedAndItsTargetIsNamed() throws IOException {
        HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://elsewhere.example/api/v1/info");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            ApiClient.Response response = join("http://127.0.0.1:" + redirecting.getAddress().getPort(),
                    MasterInstance.ADMIN_PASSWORD);

            assertThat(response.status()).isEqualTo(502);
            assertThat(response.error()).isEqualTo("master_redirect");
            assertThat(response.json().get("message").asString()).contains("https://elsewhere.example/api/v1/info");
        } finally {
            redirecting.stop(0);
        }
    }

    @Test
    void tlsFailureIsRefused() {
        // The master speaks plain HTTP: a TLS handshake with it fails.
        ApiClient.Response response = join(master.baseUrl().replace("http://", "https://"), MasterInstance.ADMIN_PASSWORD);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.error()).isEqualTo("master_tls_failed");
    }

    @Test
    void wrongPasswordIsRefused() {
        ApiClient.Response response = join(master.baseUrl(), "not-the-password");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).isEqualTo("master_credentials_rejected");
    }

    @Test
    void userWithoutAdminRoleIsRefused() {
        master.adminClient().post("/api/v1/users",
                "{\"email\":\"viewer@example.com\",\"password\":\"viewer-password-1\",\"roles\":[]}");

        ApiClient.Response response = client.send(client.request("/api/v1/integration")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"masterUrl\":\"" + master.baseUrl() + "\",\"email\":\"viewer@example.com\",\"password\":\"viewer-password-1\"}")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error()).isEqualTo("master_user_not_admin");
    }

    @Test
    void thisAgentsOwnUrlIsRefused() {
        ApiClient.Response response = join(agent.baseUrl(), MasterInstance.ADMIN_PASSWORD);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("master_is_this_agent");
    }

    @Test
    void anotherAgentsUrlIsRefused(@TempDir Path otherDir) {
        try (AgentInstance other = AgentInstance.start(otherDir, PlatformDatabases.fresh())) {
            ApiClient.Response response = join(other.baseUrl(), MasterInstance.ADMIN_PASSWORD);

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.error()).isEqualTo("master_is_an_agent");
        }
    }

    @Test
    void masterWhoseDatabaseIsThisPlatformsIsRefused(@TempDir Path otherDir) {
        String masterDatabase = ledger.topicPrefix().replaceAll("\\.$", "");
        String url = SharedMariaDb.server().createDatabase(masterDatabase);
        PlatformDatabase ownDatabase = PlatformDatabase.connect(url, SharedMariaDb.server().username(),
                SharedMariaDb.server().password(), new DriverManagerDataSource(
                        url, SharedMariaDb.server().username(), SharedMariaDb.server().password()));
        try (AgentInstance onMaster = AgentInstance.start(otherDir, ownDatabase)) {
            ApiClient.Response response = join(onMaster.operator(), master.baseUrl(),
                    MasterInstance.ADMIN_PASSWORD);

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.error()).isEqualTo("master_is_this_platform");
        }
        assertThat(ledger.count("SELECT COUNT(*) FROM platform")).isEqualTo(1);
    }

    @Test
    void joinThatFailsUnexpectedlyLeavesTheIntegrationFailedWithItsReasonAndNoDatabaseText(@TempDir Path otherDir) {
        PlatformDatabase broken = PlatformDatabases.fresh();
        try (AgentInstance unreadable = AgentInstance.start(otherDir, broken)) {
            // The platform's own table gone: the join cannot read the address space it would migrate.
            broken.jdbc().sql("DROP TABLE ip").update();

            ApiClient.Response response = join(unreadable.operator(), master.baseUrl(), MasterInstance.ADMIN_PASSWORD);

            assertThat(response.status()).as(response.body()).isEqualTo(500);
            assertThat(response.error()).isEqualTo("join_failed");
            assertThat(response.body()).doesNotContainIgnoringCase("select").doesNotContainIgnoringCase("table");
            var state = unreadable.operator().get("/api/v1/integration").json();
            assertThat(state.get("state").asString()).isEqualTo("failed");
            assertThat(state.toString()).contains("join_failed");
        }
    }

    private static ApiClient.Response join(String masterUrl, String password) {
        return join(client, masterUrl, password);
    }

    static ApiClient.Response join(ApiClient agentClient, String masterUrl, String password) {
        return agentClient.send(agentClient.request("/api/v1/integration").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(joinBody(masterUrl, password))));
    }

    static String joinBody(String masterUrl, String password) {
        return "{\"masterUrl\":\"" + masterUrl + "\",\"email\":\"" + MasterInstance.ADMIN_EMAIL + "\",\"password\":\""
                + password + "\"}";
    }
}
