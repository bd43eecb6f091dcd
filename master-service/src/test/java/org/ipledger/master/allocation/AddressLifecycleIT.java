package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.ipledger.master.ApiClient;
import org.ipledger.master.ApiClient.Response;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;

/** Allocate, reserve, release and read addresses through the REST API. */
class AddressLifecycleIT extends OneMaster {

    @Test
    void countAllocatesTheLowestFreeAddressesSkippingTheGateway() {
        RestFixture fixture = new RestFixture(api);
        fixture.network("10.80.0.0/24", "10.80.0.1");
        long pool = fixture.pool("p");
        fixture.rangeCidr(pool, "10.80.0.0/24");

        Response response = api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":3,\"owner\":\"vm-1\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("addresses").findValuesAsString("address"))
                .containsExactly("10.80.0.2", "10.80.0.3", "10.80.0.4");
        assertThat(api.get("/api/v1/addresses/10.80.0.1").json().get("status").asString()).isEqualTo("service");
        assertThat(api.get("/api/v1/addresses/10.80.0.255").json().get("status").asString()).isEqualTo("service");
        assertThat(api.get("/api/v1/addresses/10.80.0.5").json().get("status").asString()).isEqualTo("free");
        Response taken = api.get("/api/v1/addresses/10.80.0.2");
        assertThat(taken.json().get("status").asString()).isEqualTo("allocated");
        assertThat(taken.json().get("poolId").asLong()).isEqualTo(pool);
        assertThat(taken.json().get("owner").asString()).isEqualTo("vm-1");
    }

    @Test
    void ownerNamesOfTheMastersOwnAddressesAreShownToAdministratorsOnly() {
        long pool = new RestFixture(api).poolWithRange("10.87.0.0/24", "10.87.0.10", "10.87.0.20");
        api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"address\":\"10.87.0.12\",\"owner\":\"vm-private\"}");
        String email = "reader-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"a-long-password\",\"roles\":[]}");
        ApiClient reader = ApiClient.loggedIn(master.baseUrl(), email, "a-long-password");
        ApiClient platform = api.withToken(api.post("/api/v1/platforms", "{\"name\":\"other\",\"kind\":\"vmmanager\","
                + "\"instanceId\":\"" + UUID.randomUUID() + "\"}").json().get("token").asString());

        assertThat(api.get("/api/v1/addresses/10.87.0.12").json().get("owner").asString()).isEqualTo("vm-private");
        assertThat(api.get("/api/v1/addresses?pool=" + pool).body()).contains("vm-private");
        for (ApiClient other : new ApiClient[] {reader, platform}) {
            Response one = other.get("/api/v1/addresses/10.87.0.12");
            Response page = other.get("/api/v1/addresses?pool=" + pool);
            assertThat(one.json().get("status").asString()).isEqualTo("allocated");
            assertThat(one.json().has("owner")).isFalse();
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("10.87.0.12").doesNotContain("vm-private");
        }
    }

    @Test
    void theLargestAllocationIsStoredAndRepeatedWholeForItsRequestId() {
        long pool = new RestFixture(api).poolWithRange("10.96.0.0/20", "10.96.0.1", "10.96.15.254");
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":1024}";

        Response first = api.post("/api/v1/pools/" + pool + "/allocations", body);
        Response again = api.post("/api/v1/pools/" + pool + "/allocations", body);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("addresses")).hasSize(1024);
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void reservedAddressIsSkippedByAllocationAndReleaseIsIdempotent() {
        long pool = new RestFixture(api).poolWithRange("10.81.0.0/24", "10.81.0.10", "10.81.0.20");

        Response reserve = api.patch("/api/v1/addresses/10.81.0.10", "{\"status\":\"reserved\"}");
        Response allocated = new RestFixture(api).allocate(pool);

        assertThat(reserve.status()).isEqualTo(200);
        assertThat(reserve.json().get("status").asString()).isEqualTo("reserved");
        assertThat(allocated.json().get("addresses").get(0).get("address").asString()).isEqualTo("10.81.0.11");
        assertThat(api.delete("/api/v1/addresses/10.81.0.10").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/addresses/10.81.0.10").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/addresses/10.81.0.10").json().get("status").asString()).isEqualTo("free");
    }

    @Test
    void specificAddressIsAllocatedAndAServiceAddressIsRefused() {
        RestFixture fixture = new RestFixture(api);
        fixture.network("10.82.0.0/24", "10.82.0.1");
        long pool = fixture.pool("p");
        fixture.rangeCidr(pool, "10.82.0.0/24");

        Response specific = api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"address\":\"10.82.0.77\"}");
        Response gateway = api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"address\":\"10.82.0.1\"}");

        assertThat(specific.json().get("addresses").get(0).get("address").asString()).isEqualTo("10.82.0.77");
        assertThat(gateway.status()).isEqualTo(409);
        assertThat(gateway.error()).isEqualTo("service_address");
    }

    @Test
    void ipv6PoolAllocatesFromTheBottomOfASlashSixtyFour() {
        long pool = new RestFixture(api).poolWithRange("2001:db8:80::/64", "2001:db8:80::", "2001:db8:80::ffff:ffff:ffff:ffff");

        Response first = new RestFixture(api).allocate(pool);
        Response second = new RestFixture(api).allocate(pool);

        assertThat(first.json().get("addresses").get(0).get("address").asString()).isEqualTo("2001:db8:80::1");
        assertThat(second.json().get("addresses").get(0).get("address").asString()).isEqualTo("2001:db8:80::2");
    }

    @Test
    void addressListIsPagedInAddressOrder() {
        long pool = new RestFixture(api).poolWithRange("10.83.0.0/24", "10.83.0.1", "10.83.0.254");
        api.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":5}");

        Response first = api.get("/api/v1/addresses?pool=" + pool + "&limit=3");
        Response second = api.get("/api/v1/addresses?pool=" + pool + "&limit=3&cursor="
                + first.json().get("nextCursor").asString());

        assertThat(first.json().get("items").findValuesAsString("address"))
                .containsExactly("10.83.0.1", "10.83.0.2", "10.83.0.3");
        assertThat(second.json().get("items").findValuesAsString("address")).containsExactly("10.83.0.4", "10.83.0.5");
        assertThat(second.json().has("nextCursor")).isFalse();
    }

    @Test
    void addressListIsFilteredByPrefixAndPlatformAndAPrefixWithHostBitsIsRefused() {
        long pool = new RestFixture(api).poolWithRange("10.88.0.0/24", "10.88.0.1", "10.88.0.254");
        api.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":20}");

        Response inside = api.get("/api/v1/addresses?prefix=10.88.0.8/30&platform=master");

        assertThat(inside.json().get("items").findValuesAsString("address"))
                .containsExactly("10.88.0.8", "10.88.0.9", "10.88.0.10", "10.88.0.11");
        assertThat(api.get("/api/v1/addresses?prefix=10.88.0.0/24&platform=another").json().get("items")).isEmpty();
        Response refused = api.get("/api/v1/addresses?prefix=10.88.0.9/30");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("host_bits_set");
    }

    @Test
    void rangeAndNetworkInUseCannotBeRemoved() {
        RestFixture fixture = new RestFixture(api);
        long network = fixture.network("10.84.0.0/24");
        long pool = fixture.pool("p");
        long range = fixture.range(pool, "10.84.0.1", "10.84.0.9");
        fixture.allocate(pool);

        assertThat(api.delete("/api/v1/pools/" + pool + "/ranges/" + range).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/networks/" + network).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/pools/" + pool).status()).isEqualTo(409);

        api.delete("/api/v1/addresses/10.84.0.1");

        assertThat(api.delete("/api/v1/pools/" + pool + "/ranges/" + range).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/pools/" + pool).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/networks/" + network).status()).isEqualTo(204);
    }

    @Test
    void newRangeIsUsableAtOnceAndAChangedGatewayBecomesAServiceAddress() {
        RestFixture fixture = new RestFixture(api);
        long network = fixture.network("10.85.0.0/24");
        long pool = fixture.pool("p");
        fixture.range(pool, "10.85.0.1", "10.85.0.1");
        fixture.allocate(pool);
        fixture.range(pool, "10.85.0.2", "10.85.0.9");

        assertThat(api.patch("/api/v1/networks/" + network, "{\"gateway\":\"10.85.0.2\"}").status()).isEqualTo(200);
        Response next = fixture.allocate(pool);

        assertThat(next.json().get("addresses").get(0).get("address").asString()).isEqualTo("10.85.0.3");
    }

    @Test
    void allocationLatencyAndBatchSizesArePublishedForPrometheus() {
        long pool = new RestFixture(api).poolWithRange("10.86.0.0/24", "10.86.0.1", "10.86.0.9");
        new RestFixture(api).allocate(pool);

        Response metrics = new ApiClient(master.managementUrl(), null).get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("ipledger_pool_operation_seconds_bucket", "ipledger_pool_batch_size");
    }

    @Test
    void actuatorIsServedOnTheManagementPortOnlyNeverOnTheApiPort() {
        ApiClient onApiPort = new ApiClient(master.baseUrl(), null);
        ApiClient onManagementPort = new ApiClient(master.managementUrl(), null);

        assertThat(onApiPort.get("/actuator/health").status()).isEqualTo(404);
        assertThat(onApiPort.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(onManagementPort.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(onManagementPort.get("/actuator/prometheus").status()).isEqualTo(200);
    }
}
