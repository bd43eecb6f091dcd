package org.ipledger.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.integration.AgentJoinIT;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins made through an agent follow what the master decides: revoked, disabled and demoted
 * within the agent's session check, here 1 s. The agent counts failed logins on its own too (per
 * address only from 100 here, so the throttled account does not lock out the other tests).
 */
class AgentSessionsIT {

    private static final Logger log = LoggerFactory.getLogger(AgentSessionsIT.class);
    private static final String PASSWORD = "a-long-password";
    private static final Duration SESSION_CHECK = Duration.ofSeconds(1);

    @TempDir
    static Path dataDir;

    private static LedgerDatabase ledger;
    private static int masterPort;
    private static MasterInstance master;
    private static AgentInstance agent;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        ledger = LedgerDatabase.fresh();
        masterPort = Loopback.freePort();
        master = ledger.startMaster("server.port=" + masterPort);
        agent = AgentJoinIT.joinedAgent(master, dataDir, "ipledger.auth.session-check=" + SESSION_CHECK.toSeconds() + "s",
                "ipledger.auth.login-throttle.address-failures=100");
        admin = master.adminClient();
    }

    @AfterAll
    static void stop() {
        agent.close();
        master.close();
    }

    @Test
    void logoutThroughTheAgentRevokesTheTokenOnTheAgentAndTheMasterAtOnce() {
        ApiClient user = onAgent(newUser("[]"));
        assertThat(user.get("/api/v1/networks").status()).isEqualTo(200);

        ApiClient.Response logout = user.post("/api/v1/auth/logout", "");

        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        assertThat(user.get("/api/v1/networks").status()).isEqualTo(401);
        assertThat(new ApiClient(master.baseUrl(), user.token()).get("/api/v1/networks").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUserIsRefusedOnTheMasterAtOnceAndOnTheAgentWithinTheSessionCheck() {
        String email = newUser("[]");
        ApiClient onAgent = onAgent(email);
        ApiClient onMaster = ApiClient.loggedIn(master.baseUrl(), email, PASSWORD);
        assertThat(onAgent.get("/api/v1/networks").status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/users/" + email, "{\"disabled\":true}").status()).isEqualTo(200);

        assertThat(onMaster.get("/api/v1/networks").status()).isEqualTo(401);
        Awaitility.await().atMost(SESSION_CHECK.plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> onAgent.get("/api/v1/networks").status() == 401);
    }

    @Test
    void aDemotedAdministratorLosesAdminRightsOnTheAgentWithinTheSessionCheck() {
        String email = newUser("[\"@admin\"]");
        ApiClient onAgent = onAgent(email);
        // A pool without a name: an administrator is told what is wrong with it, anyone else is refused.
        assertThat(onAgent.post("/api/v1/pools", "{}").status()).isEqualTo(400);

        assertThat(admin.patch("/api/v1/users/" + email, "{\"roles\":[]}").status()).isEqualTo(200);

        Awaitility.await().atMost(SESSION_CHECK.plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> onAgent.post("/api/v1/pools", "{}").status() == 403);
        assertThat(onAgent.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void tenWrongPasswordsThroughTheAgentGetTooManyAttemptsWithRetryAfter() throws Exception {
        String email = newUser("[]");
        ApiClient anonymous = new ApiClient(agent.baseUrl(), null);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> last = null;

        for (int i = 0; i < 10; i++) {
            last = http.send(anonymous.request("/api/v1/auth/login").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        ApiClient.Response right = anonymous.post("/api/v1/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.body()).contains("\"too_many_attempts\"");
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(right.status()).isEqualTo(429);
        assertThat(onAgent(newUser("[]")).get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void whileTheMasterIsDownTheAgentKeepsTheRightsItLastKnew() throws Exception {
        ApiClient user = onAgent(newUser("[\"@admin\"]"));
        master.close();
        try {
            Thread.sleep(SESSION_CHECK.multipliedBy(2).toMillis());

            assertThat(user.get("/api/v1/networks").status()).isEqualTo(200);
            assertThat(user.post("/api/v1/pools", "{}").status()).isEqualTo(400);
        } finally {
            master = ledger.startMaster("server.port=" + masterPort);
        }
    }

    /**
     * A master that takes connections and never answers, as one frozen (SIGSTOP) or behind a
     * network that drops its answers, is the slowest to give up on: the token's session check waits
     * on it before the write does. The write still answers within the bound, counted from sending it.
     */
    @Test
    void aWriteWhileTheMasterHangsAnswers503WithRetryAfterWithinTenSecondsAlsoWhenTheTokenIsDueForACheck()
            throws Exception {
        ApiClient user = onAgent(newUser("[\"@admin\"]"));
        master.close();
        try (ServerSocket hanging = new ServerSocket(masterPort, 50, InetAddress.getLoopbackAddress())) {
            Thread.sleep(SESSION_CHECK.multipliedBy(2).toMillis());

            long sent = System.nanoTime();
            HttpResponse<String> write = HttpClient.newHttpClient().send(user.request("/api/v1/pools")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"while-the-master-hangs\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - sent);
            log.info("with the master hanging and the token due for a check, a write answered {} in {} ms",
                    write.statusCode(), answeredIn.toMillis());

            assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
            assertThat(write.body()).contains("\"master_unreachable\"");
            assertThat(write.headers().firstValue("Retry-After")).isPresent();
            assertThat(answeredIn).isLessThan(Duration.ofSeconds(10));
        } finally {
            master = ledger.startMaster("server.port=" + masterPort);
        }
    }

    private static String newUser(String roles) {
        String email = "session-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = admin.post("/api/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + roles + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    private static ApiClient onAgent(String email) {
        return ApiClient.loggedIn(agent.baseUrl(), email, PASSWORD);
    }
}
