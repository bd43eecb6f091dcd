package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.schemas.KafkaAccess;

/**
 * Detaching gives the platform back what it had, owner names included (I6), the master keeps its
 * ledger, and the platform's credentials on the master are revoked.
 */
class DetachIT {

    @TempDir
    Path dataDir;

    @Test
    void detachedPlatformGetsItsNetworksPoolsRangesAndOwnAddressesWithOwnersBack() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        seed(platform, "10.60.0");
        try (MasterInstance master = ledger.startMaster(); AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            ApiClient anonymous = agent.operator();
            ApiClient admin = joinAndAllocateForVm2(master, agent);
            // A network the platform creates after joining: captured, then waiting in its table.
            platform.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('later net', '10.61.0.0', 24)").update();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.get("/api/v1/networks").json().get("items").size() == 2);
            long masterAddresses = ledger.count("SELECT COUNT(*) FROM ip");
            MasterLink link = agent.bean(IntegrationService.class).current().link().orElseThrow();

            // Only the operator's setup token: the agent tells the master with the platform's own token.
            ApiClient.Response detached = anonymous.delete("/api/v1/integration");

            assertThat(detached.status()).as(detached.body()).isEqualTo(200);
            assertThat(detached.json().get("addresses").asInt()).isEqualTo(2);
            List<Map<String, Object>> addresses = platform.jdbc()
                    .sql("SELECT addr, status, owner, dnsbl FROM ip ORDER BY addr").query().listOfRows();
            assertThat(addresses).extracting(row -> row.get("addr") + " " + row.get("owner"))
                    .containsExactly("10.60.0.10 vm-1", "10.60.0.11 vm-2");
            assertThat(addresses.get(0).get("dnsbl").toString()).contains("zen");
            assertThat(platform.jdbc().sql("SELECT CONCAT(addr, '/', prefix, ' ', COALESCE(gateway, '-')) FROM ipnet").query(String.class).list())
                    .containsExactlyInAnyOrder("10.60.0.0/24 10.60.0.1", "10.61.0.0/24 -");
            assertThat(platform.jdbc().sql("SELECT CONCAT(start_addr, '-', end_addr) FROM ippool_range").query(String.class).list())
                    .containsExactly("10.60.0.10-10.60.0.99");
            assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM ip i JOIN ippool p ON p.id = i.ippool WHERE p.name = 'vm pool'")
                    .query(Long.class).single()).isEqualTo(2);
            assertThat(anonymous.get("/api/v1/integration").json().get("state").asString()).isEqualTo("unconfigured");
            assertThat(anonymous.get("/api/v1/networks").error()).isEqualTo("integration_not_configured");
            assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(masterAddresses);
            assertThat(ledger.ledgerIsGapFree()).isTrue();
            // The master was told: the platform's REST token and Kafka login are revoked.
            assertThat(ledger.count("SELECT COUNT(*) FROM platform WHERE state = 'detached'")).isEqualTo(1);
            assertThat(new ApiClient(master.baseUrl(), link.token()).get("/api/v1/networks").status()).isEqualTo(401);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kafkaLoginFails(link.kafka()));
        }
    }

    @Test
    void detachedPlatformJoinsAgainAndEachRowIsOnTheMasterOnce() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        seed(platform, "10.62.0");
        try (MasterInstance master = ledger.startMaster(); AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            ApiClient anonymous = agent.operator();
            ApiClient admin = joinAndAllocateForVm2(master, agent);
            assertThat(admin.delete("/api/v1/integration").status()).isEqualTo(200);
            // While detached the platform goes on with its own space.
            platform.jdbc().sql("INSERT INTO ip (ippool, addr, status, owner) SELECT id, '10.62.0.20', 'allocated', 'vm-3' FROM ippool").update();

            ApiClient.Response rejoined = JoinChecksIT.join(anonymous, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);

            assertThat(rejoined.status()).as(rejoined.body()).isEqualTo(202);
            AgentJoinIT.awaitState(anonymous, "active");
            assertThat(ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.62.0.0'")).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ippool_range WHERE start_addr = '10.62.0.10'")).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ippool")).isEqualTo(1);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.62.0.%'")).isEqualTo(3);
            assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM ip").query(Long.class).single()).isZero();
            ApiClient again = AgentJoinIT.admin(agent);
            assertThat(again.get("/api/v1/addresses/10.62.0.20").json().get("owner").asString()).isEqualTo("vm-3");
            assertThat(ledger.ledgerIsGapFree()).isTrue();
        }
    }

    /** Whether a fresh client (one keeps its connection) fails to log in to Kafka. */
    private static boolean kafkaLoginFails(KafkaAccess kafka) {
        try (Admin client = Admin.create(kafka.clientProperties())) {
            client.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof SaslAuthenticationException;
        } catch (InterruptedException | TimeoutException e) {
            return false;
        }
    }

    /** A network with a gateway, a pool with one range, and .10 allocated to vm-1 with DNSBL data. */
    private static void seed(PlatformDatabase platform, String prefix) {
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix, gateway) VALUES (1, 'vm net', ?, 24, ?)")
                .params(prefix + ".0", prefix + ".1").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, 'vm pool')").update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, ?, ?)")
                .params(prefix + ".10", prefix + ".99").update();
        platform.jdbc().sql("INSERT INTO ip (id, ippool, addr, status, owner, dnsbl) VALUES (1, 1, ?, 'allocated', 'vm-1', '[\"zen\"]')")
                .param(prefix + ".10").update();
    }

    /** Joins, then allocates the pool's next address (.11) for vm-2 through the agent. */
    private static ApiClient joinAndAllocateForVm2(MasterInstance master, AgentInstance agent) {
        ApiClient anonymous = agent.operator();
        JoinChecksIT.join(anonymous, master.baseUrl(), MasterInstance.ADMIN_PASSWORD);
        AgentJoinIT.awaitState(anonymous, "active");
        ApiClient admin = AgentJoinIT.admin(agent);
        long pool = admin.get("/api/v1/pools").json().get("items").get(0).get("id").asLong();
        ApiClient.Response allocated = admin.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"owner\":\"vm-2\"}");
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        return admin;
    }
}
