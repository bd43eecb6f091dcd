package org.ipledger.master.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipledger.master.changes.ChangeEventIT.ip;
import static org.ipledger.master.changes.ChangeEventIT.network;
import static org.ipledger.master.changes.ChangeEventIT.range;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Migration chunks: applied once, all or nothing, identical networks merged; preflight and the platform's token. */
class MigrationChunkIT extends OneMaster {

    private static JoinedPlatform platform;

    @BeforeAll
    static void join() {
        platform = new JoinedPlatform(api, database);
    }

    @AfterAll
    static void leave() {
        platform.close();
    }

    @Test
    void aChunkDeliveredTwiceIsAppliedOnce() {
        String chunk = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[" + network(21, "10.220.0.0", 24) + "]",
                "[{\"id\":21,\"name\":\"p21\"}]", "[" + range(21, 21, "10.220.0.10", "10.220.0.100") + "]",
                "[" + ip(1, 21, "10.220.0.11", "allocated") + "," + ip(2, 21, "10.220.0.12", "reserved") + "]");

        platform.send(chunk, chunk);

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> receipts =
                platform.receipts(List.of(JoinedPlatform.eventIdOf(chunk)), 2);
        assertThat(receipts).hasSize(2);
        assertThat(receipts.get(1).value()).isEqualTo(receipts.get(0).value());
        JsonNode receipt = JoinedPlatform.JSON.readTree(receipts.get(0).value());
        assertThat(receipt.get("ok").asBoolean()).isTrue();
        assertThat(receipt.get("result").get("addresses").asInt()).isEqualTo(2);
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ? AND addr = '10.220.0.0'", platform.id))
                .isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND addr LIKE '10.220.0.%'", platform.id))
                .isEqualTo(2);
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE request_id = ?", JoinedPlatform.eventIdOf(chunk)))
                .isEqualTo(5);
        // The engine sees the migrated addresses: the pool's lowest free address is past them.
        long pool = database.count("SELECT master_id FROM platform_row WHERE platform_id = ? AND tbl = 'ippool' AND local_id = 21",
                platform.id);
        assertThat(new RestFixture(api).allocate(pool).json().get("addresses").get(0).get("address").asString())
                .isEqualTo("10.220.0.10");
        assertThat(new RestFixture(api).allocate(pool).json().get("addresses").get(0).get("address").asString())
                .isEqualTo("10.220.0.13");
    }

    @Test
    void aChunkWithOneConflictingRowAppliesNothing() {
        long masterPool = new RestFixture(api).poolWithRange("10.221.0.0/24", "10.221.0.1", "10.221.0.50");
        String taken = new RestFixture(api).allocate(masterPool).json().get("addresses").get(0).get("address").asString();
        String before = database.contentChecksum();
        String chunk = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[" + network(22, "10.222.0.0", 24) + "]",
                "[{\"id\":22,\"name\":\"p22\"}]", "[" + range(22, 22, "10.222.0.10", "10.222.0.100") + "]",
                "[" + ip(3, 22, "10.222.0.11", "allocated") + ",{\"id\":4,\"addr\":\"" + taken + "\",\"status\":\"allocated\"}]");

        platform.send(chunk);

        JsonNode receipt = platform.receipt(JoinedPlatform.eventIdOf(chunk));
        assertThat(receipt.get("ok").asBoolean()).isFalse();
        assertThat(receipt.get("error").asString()).isEqualTo("address_taken");
        assertThat(receipt.get("message").asString()).contains(taken, "master");
        assertThat(receipt.get("details").get("conflicts")).hasSize(1);
        assertThat(receipt.get("details").get("conflicts").get(0).get("local").get("id").asLong()).isEqualTo(4);
        assertThat(database.contentChecksum()).isEqualTo(before);
        assertThat(database.count("SELECT COUNT(*) FROM platform_row WHERE platform_id = ? AND local_id = 22", platform.id))
                .isZero();
    }

    /**
     * Over a whole statement of the master's bulk insert (1,000 rows) and above the size it inserts
     * without looking up first: the address the platform holds comes after the first statement's
     * rows, which must be undone with the failed insert, or they would be stored with no ledger entry.
     */
    @Test
    void aLargeChunkOfAddressesThePlatformPartlyHoldsAddsAndRecordsOnlyTheNewOnes() {
        List<String> addresses = addresses("10.226.", 1_500);
        String held = addresses.get(1_200);
        String first = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[" + network(26, "10.226.0.0", 20) + "]",
                "[{\"id\":26,\"name\":\"p26\"}]", "[" + range(26, 26, "10.226.0.1", "10.226.15.254") + "]",
                "[" + ip(7, 26, held, "allocated") + "]");
        platform.send(first);
        assertThat(platform.receipt(JoinedPlatform.eventIdOf(first)).get("ok").asBoolean()).isTrue();
        String large = platform.chunk(UUID.randomUUID().toString(), 0, 1, null, null, null, ipRows(26, addresses));

        platform.send(large);

        assertThat(platform.receipt(JoinedPlatform.eventIdOf(large)).get("ok").asBoolean()).isTrue();
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.226.%' AND platform_id = ?", platform.id))
                .isEqualTo(1_500);
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE request_id = ?", JoinedPlatform.eventIdOf(large)))
                .isEqualTo(1_499);
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE entity_key = ?", "address:" + held))
                .isEqualTo(1);
    }

    @Test
    void aLargeChunkWithOneAddressTakenOnTheMasterAppliesNothing() {
        long masterPool = new RestFixture(api).poolWithRange("10.227.0.0/24", "10.227.0.1", "10.227.0.50");
        String taken = new RestFixture(api).allocate(masterPool).json().get("addresses").get(0).get("address").asString();
        List<String> rows = new ArrayList<>(addresses("10.228.", 1_500).stream().map(a -> ip(0, 28, a, "allocated")).toList());
        rows.add(1_200, "{\"id\":0,\"addr\":\"" + taken + "\",\"status\":\"allocated\"}");
        String before = database.contentChecksum();
        String chunk = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[" + network(28, "10.228.0.0", 20) + "]",
                "[{\"id\":28,\"name\":\"p28\"}]", "[" + range(28, 28, "10.228.0.1", "10.228.15.254") + "]",
                numbered(rows));

        platform.send(chunk);

        JsonNode receipt = platform.receipt(JoinedPlatform.eventIdOf(chunk));
        assertThat(receipt.get("ok").asBoolean()).isFalse();
        assertThat(receipt.get("error").asString()).isEqualTo("address_taken");
        assertThat(receipt.get("details").get("conflicts")).hasSize(1);
        assertThat(database.contentChecksum()).isEqualTo(before);
    }

    /** {@code count} addresses from {@code prefix}0.1 on. */
    private static List<String> addresses(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> prefix + (n / 256) + "." + (n % 256)).toList();
    }

    /** Allocated address rows of the pool, with local ids from 1,000 on. */
    private static String ipRows(long pool, List<String> addresses) {
        return numbered(addresses.stream().map(a -> ip(0, pool, a, "allocated")).toList());
    }

    /** The rows as a JSON array, their local ids numbered from 1,000 on in order. */
    private static String numbered(List<String> rows) {
        return IntStream.range(0, rows.size()).mapToObj(i -> rows.get(i).replaceFirst("\"id\":0,",
                "\"id\":" + (1_000 + i) + ",")).collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void thePlatformsOwnRowsBroughtBackUnderNewIdsAreReclaimedButAnotherOwnersIdenticalRangeConflicts() {
        String first = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[" + network(24, "10.224.0.0", 24) + "]",
                "[{\"id\":24,\"name\":\"p24\"}]", "[" + range(24, 24, "10.224.0.10", "10.224.0.100") + "]",
                "[" + ip(6, 24, "10.224.0.11", "allocated") + "]");
        platform.send(first);
        assertThat(platform.receipt(JoinedPlatform.eventIdOf(first)).get("ok").asBoolean()).isTrue();
        long masterPool = new RestFixture(api).poolWithRange("10.225.0.0/24", "10.225.0.10", "10.225.0.100");
        // After a detach gave them back, the platform's rows have new local ids.
        String again = platform.chunk(UUID.randomUUID().toString(), 0, 1, "[{\"id\":124,\"name\":\"n24\",\"addr\":\"10.224.0.0\",\"prefix\":24}]",
                "[{\"id\":124,\"name\":\"p24\"}]", "[" + range(124, 124, "10.224.0.10", "10.224.0.100") + "]",
                "[" + ip(106, 124, "10.224.0.11", "allocated") + "," + ip(107, 124, "10.224.0.12", "allocated") + "]");
        String preflight = """
                {"networks":[{"id":125,"cidr":"10.225.0.0/24","name":"net 10.225.0.0/24"}],
                 "pools":[{"id":125,"name":"p25"}],
                 "ranges":[{"id":125,"poolId":125,"networkId":125,"start":"10.225.0.10","end":"10.225.0.100"}]}""";

        platform.send(again);

        assertThat(platform.receipt(JoinedPlatform.eventIdOf(again)).get("ok").asBoolean()).isTrue();
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.224.0.0'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ippool_range WHERE start_addr = '10.224.0.10'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.224.0.%' AND platform_id = ?", platform.id))
                .isEqualTo(2);
        assertThat(database.count("SELECT COUNT(DISTINCT master_id) FROM platform_row WHERE platform_id = ? AND tbl = 'ippool' "
                + "AND local_id IN (24, 124)", platform.id)).isEqualTo(1);
        JsonNode report = api.post("/api/v1/platforms/" + platform.id + "/preflight", preflight).json();
        assertThat(report.get("conflicts")).extracting(c -> c.get("kind").asString()).containsExactly("range_overlap");
        assertThat(report.get("conflicts").get(0).get("master").get("poolId").asLong()).isEqualTo(masterPool);
    }

    @Test
    void anIdenticalNetworkMergesInsteadOfConflicting() {
        long masterNetwork = new RestFixture(api).network("10.223.0.0/24");
        String chunk = platform.chunk(UUID.randomUUID().toString(), 0, 1,
                "[{\"id\":23,\"name\":\"net 10.223.0.0/24\",\"addr\":\"10.223.0.0\",\"prefix\":24}]", null, null,
                "[{\"id\":5,\"addr\":\"10.223.0.7\",\"status\":\"reserved\"}]");

        platform.send(chunk);

        JsonNode receipt = platform.receipt(JoinedPlatform.eventIdOf(chunk));
        assertThat(receipt.get("ok").asBoolean()).isTrue();
        assertThat(receipt.get("result").get("merges").get(0).get("masterNetworkId").asLong()).isEqualTo(masterNetwork);
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.223.0.0'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr = '10.223.0.7' AND ipnet = ? AND platform_id = ?",
                masterNetwork, platform.id)).isEqualTo(1);
    }

    @Test
    void preflightListsEachConflictKindAndChangesNothing() {
        RestFixture rest = new RestFixture(api);
        long overlapped = rest.network("10.230.0.0/24");
        long pool = rest.pool("master 10.231");
        rest.network("10.231.0.0/24");
        rest.range(pool, "10.231.0.10", "10.231.0.20");
        rest.network("10.232.0.0/24");
        long takenPool = rest.pool("master 10.232");
        rest.range(takenPool, "10.232.0.1", "10.232.0.9");
        String taken = rest.allocate(takenPool).json().get("addresses").get(0).get("address").asString();
        rest.network("10.233.0.0/24");
        String before = database.contentChecksum();
        String body = """
                {"networks":[
                  {"id":1,"cidr":"10.230.0.0/23","name":"n1","gateway":null,"vlan":null,"locations":[],"note":null},
                  {"id":2,"cidr":"10.231.0.0/24","name":"net 10.231.0.0/24"},
                  {"id":3,"cidr":"10.234.0.0/24","name":"n3"},
                  {"id":4,"cidr":"10.233.0.0/24","name":"net 10.233.0.0/24"}],
                 "pools":[{"id":1,"name":"p","locations":[],"note":null}],
                 "ranges":[{"id":1,"poolId":1,"networkId":2,"start":"10.231.0.15","end":"10.231.0.30"},
                           {"id":2,"poolId":1,"networkId":3,"start":"10.235.0.1","end":"10.235.0.9"},
                           {"id":3,"poolId":1,"networkId":3,"start":"10.234.0.10","end":"10.234.0.50"}],
                 "addresses":[{"address":"%s","status":"allocated","poolId":null},
                              {"address":"10.234.0.11","status":"allocated","poolId":1}]}""".formatted(taken);

        JsonNode report = api.post("/api/v1/platforms/" + platform.id + "/preflight", body).json();

        assertThat(report.get("conflicts")).extracting(c -> c.get("kind").asString())
                .containsExactlyInAnyOrder("network_overlap", "range_overlap", "range_outside_network", "address_taken");
        assertThat(report.get("conflicts").get(0).get("master").get("id").asLong()).isEqualTo(overlapped);
        assertThat(report.get("merges")).hasSize(2);
        assertThat(database.contentChecksum()).isEqualTo(before);
    }

    @Test
    void preflightRefusesABadBodyNamingTheField() {
        var response = api.post("/api/v1/platforms/" + platform.id + "/preflight",
                "{\"networks\":[{\"id\":1,\"cidr\":\"10.0.0.1/24\",\"name\":\"n\"}]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("host_bits_set");
        assertThat(response.json().get("message").asString()).contains("networks[0].cidr");
    }

    @Test
    void thePlatformTokenReadsTheSnapshotAndItsPreflightButCannotCreateANetwork() {
        var own = api.withToken(platform.token);

        assertThat(own.get("/api/v1/ledger/snapshot").status()).isEqualTo(200);
        assertThat(own.get("/api/v1/networks").status()).isEqualTo(200);
        assertThat(own.post("/api/v1/platforms/" + platform.id + "/preflight", "{}").status()).isEqualTo(200);
        assertThat(own.get("/api/v1/platforms/" + platform.id + "/conflicts").status()).isEqualTo(200);
        assertThat(own.post("/api/v1/networks", "{\"cidr\":\"10.240.0.0/24\",\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(own.post("/api/v1/platforms/other-1/preflight", "{}").status()).isEqualTo(403);
        assertThat(own.get("/api/v1/users").status()).isEqualTo(403);
    }
}
