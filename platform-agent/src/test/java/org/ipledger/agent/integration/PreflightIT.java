package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/** A platform whose address space overlaps the master's is told so precisely, and nothing moves. */
class PreflightIT {

    @TempDir
    Path dataDir;

    @Test
    void overlappingNetworkIsListedAndTheJoinRefusedWithBothSidesUnchanged() {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (7, 'dc net', '10.50.0.0', 23)").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (3, 'dc pool')").update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (5, 3, 7, '10.50.1.10', '10.50.1.20')").update();
        platform.jdbc().sql("INSERT INTO ip (id, ippool, addr, status, owner) VALUES (9, 3, '10.50.1.10', 'allocated', 'srv-1')").update();
        try (MasterInstance master = ledger.startMaster(); AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            new RestFixture(master.adminClient()).network("10.50.0.0/24");
            String masterBefore = ledger.contentChecksum();
            ApiClient client = agent.operator();

            ApiClient.Response preflight = client.post("/api/v1/integration/preflight", body(master));

            assertThat(preflight.status()).as(preflight.body()).isEqualTo(200);
            JsonNode conflicts = preflight.json().get("conflicts");
            // The overlap, then what follows from it: the address has no network left to lie in.
            assertThat(conflicts.get(0).get("kind").asString()).isEqualTo("network_overlap");
            assertThat(conflicts.get(0).get("master").get("cidr").asString()).isEqualTo("10.50.0.0/24");
            assertThat(conflicts.get(0).get("local").get("id").asLong()).isEqualTo(7);
            assertThat(client.get("/api/v1/integration").json().get("state").asString()).isEqualTo("unconfigured");

            ApiClient.Response join = client.send(client.request("/api/v1/integration")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body(master))));

            assertThat(join.status()).isEqualTo(409);
            assertThat(join.error()).isEqualTo("preflight_conflicts");
            assertThat(join.json().get("details").get("conflicts").get(0).get("kind").asString()).isEqualTo("network_overlap");
            assertThat(ledger.contentChecksum()).isEqualTo(masterBefore);
            for (String table : new String[] {"ipnet", "ippool", "ippool_range", "ip"}) {
                assertThat(platform.jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isEqualTo(1);
            }
            assertThat(client.get("/api/v1/integration").json().get("error").asString()).isEqualTo("preflight_conflicts");
        }
    }

    private static String body(MasterInstance master) {
        return "{\"masterUrl\":\"" + master.baseUrl() + "\",\"email\":\"" + MasterInstance.ADMIN_EMAIL
                + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}";
    }
}
