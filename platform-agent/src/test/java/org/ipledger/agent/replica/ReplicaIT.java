package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.ipledger.agent.migration.MasterFixture;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The agent's replica against a real master and broker: snapshot, tail, gaps, locations, owners, restarts. */
class ReplicaIT {

    static LedgerDatabase database;
    static MasterInstance master;
    static ApiClient admin;
    static RestFixture rest;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startMaster() {
        database = LedgerDatabase.fresh();
        master = database.startMaster();
        admin = master.adminClient();
        rest = new RestFixture(admin);
    }

    @AfterAll
    static void stopMaster() {
        master.close();
    }

    @Test
    void readsEqualTheMastersAfterSnapshotAndTail() {
        long network = created(admin.post("/api/v1/networks", """
                {"cidr": "10.201.0.0/24", "name": "front", "gateway": "10.201.0.1", "vlan": 12, "note": "rack 4"}"""));
        long pool = rest.pool("front pool");
        rest.range(pool, "10.201.0.10", "10.201.0.100");
        admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": 5}");
        admin.patch("/api/v1/addresses/10.201.0.200", "{\"status\": \"reserved\"}");

        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            admin.patch("/api/v1/networks/" + network, "{\"name\": \"front renamed\", \"locations\": []}");
            rest.network("2001:db8:201::/64");
            long pool6 = rest.pool("v6 pool");
            rest.range(pool6, "2001:db8:201::100", "2001:db8:201::1ff");
            admin.post("/api/v1/pools/" + pool6 + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": 3}");
            admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": 2}");
            admin.delete("/api/v1/addresses/10.201.0.11");
            admin.patch("/api/v1/addresses/10.201.0.50", "{\"status\": \"reserved\"}");
            rest.network("192.168.201.0/24");
            admin.patch("/api/v1/addresses/192.168.201.7", "{\"status\": \"reserved\"}");
            admin.patch("/api/v1/addresses/2001:db8:201::9", "{\"status\": \"reserved\"}");
            agent.awaitMaster(database);

            assertSameReads(agent.reads, "/api/v1/networks?limit=1000", "/api/v1/networks/" + network,
                    "/api/v1/pools?limit=1000", "/api/v1/pools/" + pool, "/api/v1/pools/" + pool6,
                    "/api/v1/pools/" + pool + "/ranges", "/api/v1/pools/" + pool6 + "/ranges",
                    "/api/v1/addresses?network=" + network, "/api/v1/addresses?pool=" + pool6,
                    "/api/v1/addresses?pool=" + pool + "&status=reserved",
                    "/api/v1/addresses?status=reserved&limit=1000", "/api/v1/addresses?status=reserved&cursor=10.201.0.50",
                    "/api/v1/addresses?pool=" + pool + "&limit=2",
                    "/api/v1/addresses?pool=" + pool + "&limit=2&cursor=10.201.0.12",
                    "/api/v1/addresses/10.201.0.10", "/api/v1/addresses/10.201.0.11", "/api/v1/addresses/10.201.0.1",
                    "/api/v1/addresses/10.201.0.0", "/api/v1/addresses/10.201.0.255", "/api/v1/addresses/10.201.0.200",
                    "/api/v1/addresses/2001:db8:201::100", "/api/v1/addresses/2001:db8:201::", "/api/v1/addresses/10.99.99.99",
                    "/api/v1/networks/999999", "/api/v1/pools/999999", "/api/v1/pools/999999/ranges",
                    "/api/v1/addresses/not-an-address", "/api/v1/addresses?status=free", "/api/v1/networks?limit=0",
                    "/api/v1/networks?cursor=abc");
        }
    }

    @Test
    void locationLimitedNetworkIsShownOnlyWhereLocationsMeet() {
        long network = created(admin.post("/api/v1/networks", """
                {"cidr": "10.202.0.0/24", "name": "north only", "locations": ["dc-north"]}"""));
        long pool = created(admin.post("/api/v1/pools", "{\"name\": \"north pool\", \"locations\": [\"dc-north\"]}"));
        rest.range(pool, "10.202.0.10", "10.202.0.20");
        admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\"}");

        try (ReplicaFixture south = ReplicaFixture.joined(master, database, dataDir.resolve("south"),
                "ipledger.agent.locations=dc-south");
             ReplicaFixture north = ReplicaFixture.joined(master, database, dataDir.resolve("north"),
                     "ipledger.agent.locations=dc-east,dc-north")) {
            assertThat(south.reads.get("/api/v1/networks/" + network).error()).isEqualTo("network_not_found");
            assertThat(south.reads.get("/api/v1/pools/" + pool).error()).isEqualTo("pool_not_found");
            assertThat(south.reads.get("/api/v1/pools/" + pool + "/ranges").error()).isEqualTo("pool_not_found");
            assertThat(south.reads.get("/api/v1/addresses/10.202.0.10").error()).isEqualTo("address_not_in_any_network");
            assertThat(south.reads.get("/api/v1/networks?limit=1000").json().get("items").findValuesAsString("cidr"))
                    .doesNotContain("10.202.0.0/24").isNotEmpty();
            assertThat(south.reads.get("/api/v1/addresses?limit=1000").body()).doesNotContain("10.202.0.10");

            assertSameReads(north.reads, "/api/v1/networks/" + network, "/api/v1/pools/" + pool,
                    "/api/v1/pools/" + pool + "/ranges", "/api/v1/addresses/10.202.0.10", "/api/v1/addresses?pool=" + pool,
                    "/api/v1/networks?limit=1000");
        }
    }

    @Test
    void gapOnTheLedgerLeadsToAFreshSnapshot() {
        long pool = rest.poolWithRange("10.203.0.0/24", "10.203.0.10", "10.203.0.200");
        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            // An entry numbered after the snapshot, read from the topic: every record of the snapshot's
            // seqs, which the publisher may still have been sending, lies before the stored offset then.
            admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\"}");
            agent.awaitMaster(database);
            agent.replica().stop();
            for (int i = 0; i < 4; i++) {
                admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID() + "\"}");
            }
            // Two records the replica will never read: the next one it reads is a gap.
            agent.state().sql("UPDATE replica_position SET next_offset = next_offset + 2 WHERE id = 1").update();
            double before = snapshots(agent);

            agent.replica().start(agent.link);
            agent.awaitMaster(database);

            assertThat(snapshots(agent)).isEqualTo(before + 1);
            assertSameReads(agent.reads, "/api/v1/addresses?pool=" + pool, "/api/v1/pools/" + pool + "/ranges");
        }
    }

    @Test
    void garbageOnTheLedgerIsFollowedByASnapshotReloadWhileAllocationsKeepSucceeding() {
        long pool = rest.poolWithRange("10.206.0.0/24", "10.206.0.10", "10.206.0.200");
        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            MeterRegistry meters = agent.agent.bean(MeterRegistry.class);
            double snapshotsBefore = snapshots(agent);
            String ledger = agent.link.topics().ledger();
            MasterFixture.forge(ledger, "address:10.206.0.10", null, null, Map.of("ipledger_seq", "x1"),
                    "{\"seq\": 1}");
            allocateThroughTheAgent(agent, pool);
            MasterFixture.forge(ledger, "address:10.206.0.11", null, null, Map.of(), "not json at all");
            allocateThroughTheAgent(agent, pool);
            // A seq far ahead: a gap at first, then, still beyond a fresh snapshot, no entry of the master.
            MasterFixture.forge(ledger, "address:10.206.0.12", null, null,
                    Map.of("ipledger_seq", "999999999"), "{\"seq\": 999999999}");
            allocateThroughTheAgent(agent, pool);

            agent.awaitMaster(database);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.counter("ipledger.replica.unreadable.records").count() >= 3);
            agent.awaitMaster(database);

            assertThat(meters.counter("ipledger.replica.unreadable.records").count()).isEqualTo(3);
            double snapshotsAfter = snapshots(agent);
            assertThat(snapshotsAfter).isEqualTo(snapshotsBefore + 3);
            // The actuator answers on the management port only.
            assertThat(agent.reads.get("/actuator/health").status()).isEqualTo(404);
            JsonNode health = new ApiClient(agent.agent.managementUrl(), agent.reads.token()).get("/actuator/health").json().get("components").get("replica");
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.get("details").get("stale").asBoolean()).isFalse();
            assertThat(health.get("details").get("unreadableRecords").asLong()).isEqualTo(3);
            assertThat(health.get("details").get("lastUnreadable").asString()).contains("offset");
            assertThat(meters.get("ipledger.replica.stale").gauge().value()).isZero();
            assertSameReads(agent.reads, "/api/v1/addresses?pool=" + pool, "/api/v1/pools/" + pool + "/ranges");
            // Nothing is read again in a loop: no snapshot more once the tail has gone past the garbage.
            allocateThroughTheAgent(agent, pool);
            agent.awaitMaster(database);
            assertThat(snapshots(agent)).isEqualTo(snapshotsAfter);
        }
    }

    @Test
    void aForgedReplyOnThePlatformsRepliesTopicChangesNothingOnThePlatform() {
        long pool = rest.poolWithRange("10.207.0.0/24", "10.207.0.10", "10.207.0.200");
        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            allocateThroughTheAgent(agent, pool);
            byte[] correlation = new byte[16];
            new java.security.SecureRandom().nextBytes(correlation);

            MasterFixture.forge(agent.link.topics().replies(agent.link.platformId()), "forged",
                    "org.ipledger.reply.v1", correlation, Map.of(), "{\"requestId\": \"" + UUID.randomUUID()
                            + "\", \"ok\": true, \"result\": {\"addresses\": [{\"address\": \"10.207.0.150\", "
                            + "\"status\": \"allocated\"}]}}");
            allocateThroughTheAgent(agent, pool);
            agent.awaitMaster(database);

            assertThat(agent.reads.get("/api/v1/addresses/10.207.0.150").json().get("status").asString()).isEqualTo("free");
            assertThat(agent.state().sql("SELECT COUNT(*) FROM local_owner WHERE address = '10.207.0.150'")
                    .query(Long.class).single()).isZero();
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.207.0.%'")).isEqualTo(2);
            assertSameReads(agent.reads, "/api/v1/addresses?pool=" + pool);
            assertThat(agent.agent.bean(MeterRegistry.class).get("ipledger.agent.replies.unmatched").functionCounter()
                    .count()).as("the forged reply, ignored and counted").isPositive();
        }
    }

    private static void allocateThroughTheAgent(ReplicaFixture agent, long pool) {
        ApiClient.Response allocated = agent.reads.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\": \"" + UUID.randomUUID() + "\"}");
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
    }

    @Test
    void ownerNamesShowOnlyOnThisPlatformsAddresses() throws Exception {
        long pool = rest.poolWithRange("10.204.0.0/24", "10.204.0.10", "10.204.0.200");
        admin.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \"" + UUID.randomUUID()
                + "\", \"address\": \"10.204.0.100\", \"owner\": \"master-vm\"}");
        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            String requestId = UUID.randomUUID().toString();
            ApiClient.Response allocated = agent.reads.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\": \""
                    + requestId + "\", \"address\": \"10.204.0.10\", \"owner\": \"vm-secret-1\"}");
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
            agent.state().sql("UPDATE local_owner SET dnsbl = ?, note = ? WHERE address = ?")
                    .params("[\"zen.example\"]", "db server", "10.204.0.10").update();
            agent.state().sql("INSERT INTO local_owner (address, owner) VALUES (?, ?)")
                    .params("10.204.0.100", "not-ours").update();

            assertThat(agent.replica().awaitRequest(requestId, Duration.ofSeconds(30))).isTrue();

            JsonNode own = agent.reads.get("/api/v1/addresses/10.204.0.10").json();
            assertThat(own.get("owner").asString()).isEqualTo("vm-secret-1");
            assertThat(own.get("note").asString()).isEqualTo("db server");
            assertThat(own.get("dnsbl").get(0).asString()).isEqualTo("zen.example");
            assertThat(own.get("platformId").asString()).isEqualTo(agent.link.platformId());
            JsonNode others = agent.reads.get("/api/v1/addresses/10.204.0.100").json();
            assertThat(others.get("status").asString()).isEqualTo("allocated");
            assertThat(others.has("owner")).isFalse();
            String list = agent.reads.get("/api/v1/addresses?pool=" + pool).body();
            assertThat(list).contains("vm-secret-1").doesNotContain("not-ours").doesNotContain("master-vm");
            assertThat(admin.get("/api/v1/addresses?pool=" + pool).body()).doesNotContain("vm-secret-1");
        }
    }

    @Test
    void aPageOfAddressesReadsOnlyItsOwnRowsWhateverTheFilter() {
        long pool = rest.poolWithRange("10.208.0.0/20", "10.208.0.1", "10.208.15.254");
        for (int i = 0; i < 3; i++) {
            ApiClient.Response allocated = admin.post("/api/v1/pools/" + pool + "/allocations",
                    "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": 1000}");
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        }
        try (ReplicaFixture agent = ReplicaFixture.joined(master, database, dataDir)) {
            ReplicaQueries queries = agent.agent.bean(ReplicaQueries.class);
            long network = agent.state().sql("SELECT network_id FROM replica_address WHERE pool_id = ? LIMIT 1")
                    .param(pool).query(Long.class).single();
            String cursor = "10.208.0.100";
            List<ReplicaQueries.Query> pages = List.of(queries.addressPage(null, null, null, cursor, 51),
                    queries.addressPage(pool, null, null, cursor, 51),
                    queries.addressPage(null, network, null, cursor, 51),
                    queries.addressPage(null, null, "allocated", cursor, 51),
                    queries.addressPage(pool, null, "allocated", cursor, 51),
                    queries.addressPage(null, network, "allocated", cursor, 51),
                    queries.addressPage(pool, network, "allocated", null, 51));
            for (ReplicaQueries.Query page : pages) {
                String plan = agent.state().sql("EXPLAIN ANALYZE " + page.sql()).params(page.params())
                        .query(String.class).single();
                // Sorting the rows after the cursor instead of walking an index in order reads thousands.
                assertThat(addressesScanned(plan)).as(plan).isLessThanOrEqualTo(52);
            }
        }
    }

    /** The rows of replica_address an {@code EXPLAIN ANALYZE} plan says were read. */
    private static long addressesScanned(String plan) {
        Matcher scanned = Pattern.compile("\"REPLICA_ADDRESS\" \"A\"[^;]*?scanCount: (\\d+)", Pattern.DOTALL).matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        return Long.parseLong(scanned.group(1));
    }

    @Test
    void replicaSurvivesARestartAndAnswersWhileTheMasterIsDown() {
        LedgerDatabase ownDatabase = LedgerDatabase.fresh();
        MasterInstance ownMaster = ownDatabase.startMaster();
        long pool = new RestFixture(ownMaster.adminClient()).poolWithRange("10.205.0.0/24", "10.205.0.10", "10.205.0.200");
        ownMaster.adminClient().post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\": \"" + UUID.randomUUID() + "\", \"count\": 7}");
        String[] paths = {"/api/v1/networks", "/api/v1/pools/" + pool, "/api/v1/pools/" + pool + "/ranges",
                "/api/v1/addresses?pool=" + pool, "/api/v1/addresses/10.205.0.12", "/api/v1/addresses/10.205.0.150"};
        ApiClient ownAdmin = ownMaster.adminClient();
        ReplicaFixture first = ReplicaFixture.joined(ownMaster, ownDatabase, dataDir);
        long applied = first.replica().appliedSeq();
        assertSameReads(ownAdmin, first.reads, paths);
        String[] before = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            before[i] = first.reads.get(paths[i]).body();
        }
        first.close();
        ownMaster.close();

        try (ReplicaFixture again = ReplicaFixture.restarted(dataDir, first)) {
            assertThat(again.replica().isLoaded()).isTrue();
            assertThat(again.replica().appliedSeq()).isEqualTo(applied);
            for (int i = 0; i < paths.length; i++) {
                ApiClient.Response response = again.reads.get(paths[i]);
                assertThat(response.status()).as(paths[i]).isEqualTo(200);
                assertThat(response.json()).as(paths[i]).isEqualTo(ApiClient.Response.class.cast(
                        new ApiClient.Response(200, before[i])).json());
            }
        }
    }

    private static double snapshots(ReplicaFixture agent) {
        return agent.agent.bean(MeterRegistry.class).counter("ipledger.replica.snapshots").count();
    }

    private static void assertSameReads(ApiClient agent, String... paths) {
        assertSameReads(admin, agent, paths);
    }

    private static void assertSameReads(ApiClient master, ApiClient agent, String... paths) {
        for (String path : paths) {
            ApiClient.Response expected = master.get(path);
            ApiClient.Response actual = agent.get(path);
            assertThat(actual.status()).as("status of %s: %s", path, actual.body()).isEqualTo(expected.status());
            assertThat(actual.json()).as("body of %s", path).isEqualTo(expected.json());
        }
    }

    private static long created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }
}
