package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/** A platform joins, then allocates and reads through its agent; the master goes away and comes back. */
public class AgentJoinIT {

    @TempDir
    Path dataDir;

    @Test
    void platformWithAnAddressSpaceJoinsAndItsRowsMoveToTheMaster() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'vm net', '10.20.0.0', 24)").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, 'vm pool')").update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, '10.20.0.10', '10.20.0.200')").update();
        platform.jdbc().sql("INSERT INTO ip (id, ippool, addr, status, owner) VALUES (1, 1, '10.20.0.10', 'allocated', 'vm-17')").update();
        try (MasterInstance master = ledger.startMaster();
                AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            ApiClient client = agent.operator();

            ApiClient.Response joined = JoinChecksIT.join(client, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);

            assertThat(joined.status()).as(joined.body()).isEqualTo(202);
            awaitState(client, "active");
            assertThat(ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.20.0.0'")).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE addr = '10.20.0.10'")).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE owner IS NOT NULL")).isZero();
            assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM ip").query(Long.class).single()).isZero();
            assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM ipnet").query(Long.class).single()).isZero();
            // The agent reports how far its replica is and its state; the master shows them.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode listed = master.adminClient().get("/api/v1/platforms").json();
                return listed.toString().contains("\"lag\":0") && listed.toString().contains("\"state\":\"active\"");
            });
        }
    }

    @Test
    void twoAgentsAllocatingFromOnePoolNeverGetTheSameAddress(@TempDir Path otherDir) throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        try (MasterInstance master = ledger.startMaster();
                AgentInstance first = joinedAgent(master, dataDir);
                AgentInstance second = joinedAgent(master, otherDir)) {
            long pool = new RestFixture(master.adminClient()).poolWithRange("10.30.0.0/24", "10.30.0.1", "10.30.0.254");
            ApiClient firstClient = admin(first);
            ApiClient secondClient = admin(second);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ApiClient agent = i % 2 == 0 ? firstClient : secondClient;
                answers.add(clients.submit(() -> allocate(agent, pool)));
            }
            Set<String> addresses = new HashSet<>();
            for (Future<String> answer : answers) {
                addresses.add(answer.get());
            }
            clients.shutdown();

            assertThat(addresses).hasSize(200);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(200);
        }
    }

    @Test
    void addressReservedThroughTheAgentIsAllocatedThroughIt() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        try (MasterInstance master = ledger.startMaster(); AgentInstance agent = joinedAgent(master, dataDir)) {
            long pool = new RestFixture(master.adminClient()).poolWithRange("10.35.0.0/24", "10.35.0.1", "10.35.0.254");
            ApiClient client = admin(agent);

            ApiClient.Response reserved = client.patch("/api/v1/addresses/10.35.0.7", "{\"status\": \"reserved\"}");
            ApiClient.Response allocated = client.patch("/api/v1/addresses/10.35.0.7", "{\"status\": \"allocated\"}");
            ApiClient.Response freed = client.patch("/api/v1/addresses/10.35.0.7", "{\"status\": \"free\"}");

            assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
            assertThat(reserved.json().get("status").asString()).isEqualTo("reserved");
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(200);
            assertThat(allocated.json().get("status").asString()).isEqualTo("allocated");
            assertThat(freed.status()).isEqualTo(400);
            assertThat(freed.error()).isEqualTo("invalid_status");
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE addr = '10.35.0.7' AND status = 'allocated' AND ippool = ?", pool))
                    .isEqualTo(1);
        }
    }

    @Test
    void readsGoOnWhileTheMasterIsDownAndWritesWaitForIt() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        int port = Loopback.freePort();
        MasterInstance master = ledger.startMaster("server.port=" + port);
        try (AgentInstance agent = joinedAgent(master, dataDir)) {
            long pool = new RestFixture(master.adminClient()).poolWithRange("10.40.0.0/24", "10.40.0.1", "10.40.0.254");
            ApiClient client = admin(agent);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/v1/pools/" + pool).status() == 200);
            master.close();

            assertThat(client.get("/api/v1/pools/" + pool).status()).isEqualTo(200);
            assertThat(client.get("/api/v1/networks").status()).isEqualTo(200);
            ApiClient.Response write = client.post("/api/v1/pools/" + pool + "/allocations",
                    "{\"requestId\":\"" + UUID.randomUUID() + "\"}");
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.error()).isEqualTo("master_unreachable");

            master = ledger.startMaster("server.port=" + port);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> client.post("/api/v1/pools/" + pool + "/allocations",
                    "{\"requestId\":\"" + UUID.randomUUID() + "\"}").status() == 201);
        } finally {
            master.close();
        }
    }

    @Test
    void drainedAgentRefusesWritesButServesReads() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        try (MasterInstance master = ledger.startMaster(); AgentInstance agent = joinedAgent(master, dataDir)) {
            ApiClient client = admin(agent);

            ApiClient.Response drained = client.post("/api/v1/integration/drain", "");

            assertThat(drained.json().get("state").asString()).isEqualTo("draining");
            ApiClient.Response write = client.post("/api/v1/pools", "{\"name\":\"late\"}");
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.error()).isEqualTo("integration_draining");
            assertThat(client.get("/api/v1/pools").status()).isEqualTo(200);
        }
    }

    @Test
    void agentRestartedAfterADrainServesWritesAgain() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        try (MasterInstance master = ledger.startMaster()) {
            long pool = new RestFixture(master.adminClient()).poolWithRange("10.45.0.0/24", "10.45.0.1", "10.45.0.254");
            String token;
            try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
                JoinChecksIT.join(agent.operator(), master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
                awaitState(agent.operator(), "active");
                ApiClient client = admin(agent);
                token = client.token();
                assertThat(allocate(client, pool)).isEqualTo("10.45.0.1");
                assertThat(client.post("/api/v1/integration/drain", "").json().get("state").asString()).isEqualTo("draining");
            }

            try (AgentInstance restarted = AgentInstance.start(dataDir, platform)) {
                ApiClient client = new ApiClient(restarted.baseUrl(), token);

                awaitState(client, "active");
                assertThat(allocateOnceConnected(client, pool)).isEqualTo("10.45.0.2");
                assertThat(client.get("/api/v1/addresses/10.45.0.1").json().get("status").asString()).isEqualTo("allocated");
            }
        }
    }

    @Test
    void agentConfiguredToJoinJoinsAtStartOnceTheMasterIsUp() throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        int port = Loopback.freePort();
        try (AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh(),
                "ipledger.agent.join.master-url=http://127.0.0.1:" + port,
                "ipledger.agent.join.email=" + MasterInstance.ADMIN_EMAIL,
                "ipledger.agent.join.password=" + MasterInstance.ADMIN_PASSWORD);
                MasterInstance master = ledger.startMaster("server.port=" + port)) {

            awaitState(agent.operator(), "active");

            assertThat(ledger.count("SELECT COUNT(*) FROM platform WHERE id <> 'master'")).isEqualTo(1);
        }
    }

    public static AgentInstance joinedAgent(MasterInstance master, Path dataDir, String... properties) {
        AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh(), properties);
        ApiClient client = agent.operator();
        ApiClient.Response joined = JoinChecksIT.join(client, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
        assertThat(joined.status()).as(joined.body()).isEqualTo(202);
        awaitState(client, "active");
        return agent;
    }

    /** The master's administrator, logged in through the agent. */
    static ApiClient admin(AgentInstance agent) {
        return ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    public static void awaitState(ApiClient client, String state) {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> client.get("/api/v1/integration").json().get("state").asString(), state::equals);
    }

    /**
     * A restarted agent is active at once but logs in to Kafka in the background: until then it
     * answers 503, which a client retries with the same request id.
     */
    private static String allocateOnceConnected(ApiClient agent, long pool) {
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\"}";
        ApiClient.Response response = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> agent.post("/api/v1/pools/" + pool + "/allocations", body), r -> r.status() != 503);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("addresses").get(0).get("address").asString();
    }

    private static String allocate(ApiClient agent, long pool) {
        String requestId = UUID.randomUUID().toString();
        ApiClient.Response response = agent.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\":\"" + requestId + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("addresses").get(0).get("address").asString();
    }

}
