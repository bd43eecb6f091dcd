package org.ipledger.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import org.ipledger.master.ApiClient;
import org.ipledger.master.ApiClient.Response;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input gets its status and stable error code, and the database stays as it was. */
class BadInputIT extends OneMaster {

    private static long pool;
    private static long tinyPool;

    private String checksumBefore;

    @BeforeAll
    static void buildAddressSpace() {
        RestFixture fixture = new RestFixture(api);
        fixture.network("10.60.0.0/24");
        fixture.network("10.60.1.0/24");
        pool = fixture.pool("main");
        fixture.range(pool, "10.60.0.10", "10.60.0.100");
        tinyPool = fixture.pool("tiny");
        fixture.range(tinyPool, "10.60.1.10", "10.60.1.11");
        fixture.allocate(tinyPool);
        fixture.allocate(tinyPool);
        fixture.allocate(pool);
    }

    @BeforeEach
    void rememberDatabase() {
        database.ledgerIsGapFree();
        checksumBefore = database.contentChecksum();
    }

    @AfterEach
    void databaseIsUnchanged() {
        assertThat(database.contentChecksum()).isEqualTo(checksumBefore);
    }

    @Test
    void malformedCidrIsRefused() {
        assertError(api.post("/api/v1/networks", "{\"cidr\":\"10.0.0.300/24\",\"name\":\"n\"}"), 400, "malformed_cidr");
    }

    @Test
    void cidrWithHostBitsSetIsRefusedNotTruncated() {
        Response response = api.post("/api/v1/networks", "{\"cidr\":\"10.70.0.1/24\",\"name\":\"n\"}");
        assertError(response, 400, "host_bits_set");
        assertThat(response.json().get("message").asString()).contains("10.70.0.0/24");
    }

    @Test
    void gatewayOutsideTheNetworkIsRefused() {
        assertError(api.post("/api/v1/networks", "{\"cidr\":\"10.71.0.0/24\",\"name\":\"n\",\"gateway\":\"10.71.1.1\"}"),
                400, "gateway_outside_network");
    }

    @Test
    void rangeOutsideAnyNetworkIsRefused() {
        assertError(addRange("10.99.0.1", "10.99.0.9"), 400, "range_outside_network");
    }

    @Test
    void rangeAcrossTwoNetworksIsRefused() {
        Response response = addRange("10.60.0.200", "10.60.1.50");
        assertError(response, 400, "range_spans_networks");
        assertThat(response.json().get("message").asString()).contains("10.60.0.0/24", "10.60.1.0/24");
    }

    @Test
    void reversedRangeIsRefused() {
        assertError(addRange("10.60.0.150", "10.60.0.140"), 400, "range_reversed");
    }

    @Test
    void rangeMixingIpv4AndIpv6IsRefused() {
        assertError(addRange("10.60.0.150", "2001:db8::1"), 400, "mixed_address_families");
    }

    @Test
    void allocationFromAnUnknownPoolIsRefused() {
        assertError(new RestFixture(api).allocate(999_999), 404, "pool_not_found");
    }

    @Test
    void allocationFromAnExhaustedPoolIsRefused() {
        Response response = new RestFixture(api).allocate(tinyPool);
        assertError(response, 409, "pool_exhausted");
    }

    @Test
    void requestedAddressAlreadyTakenIsRefused() {
        assertError(api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"address\":\"10.60.0.10\"}"), 409, "address_taken");
    }

    @Test
    void countAboveTheLimitIsRefused() {
        assertError(api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":100000}"), 400, "count_out_of_range");
    }

    @Test
    void bodyThatIsNotJsonIsRefused() {
        assertError(api.post("/api/v1/networks", "cidr=10.0.0.0/24"), 400, "malformed_json");
    }

    @Test
    void unknownFieldIsRefusedByName() {
        Response response = api.post("/api/v1/networks", "{\"cidr\":\"10.72.0.0/24\",\"name\":\"n\",\"colour\":\"red\"}");
        assertError(response, 400, "unknown_field");
        assertThat(response.json().get("message").asString()).contains("colour");
    }

    @Test
    void missingTokenIsRefused() {
        Response response = api.withToken(null).post("/api/v1/networks", "{\"cidr\":\"10.73.0.0/24\",\"name\":\"n\"}");
        assertError(response, 401, "unauthorized");
    }

    @Test
    void expiredTokenIsRefused() {
        ApiClient expired = master.adminClient();
        database.jdbc().update("UPDATE auth_token SET expires_at = DATE_SUB(UTC_TIMESTAMP(6), INTERVAL 1 SECOND) "
                + "WHERE token_hash = SHA2(?, 256)", expired.token());
        rememberDatabase();

        assertError(expired.get("/api/v1/networks"), 401, "token_expired");
    }

    @Test
    void unknownTokenIsRefused() {
        assertError(api.withToken("not-a-token").get("/api/v1/networks"), 401, "invalid_token");
    }

    @Test
    void writeByANonAdministratorIsRefused() {
        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"viewer-password\",\"roles\":[]}");
        ApiClient viewer = ApiClient.loggedIn(master.baseUrl(), email, "viewer-password");
        rememberDatabase();

        assertError(viewer.post("/api/v1/networks", "{\"cidr\":\"10.74.0.0/24\",\"name\":\"n\"}"), 403, "forbidden");
        assertThat(viewer.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void wrongContentTypeIsRefused() {
        Response response = api.send(api.request("/api/v1/networks").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cidr\":\"10.75.0.0/24\",\"name\":\"n\"}")));
        assertError(response, 415, "unsupported_media_type");
    }

    private static Response addRange(String start, String end) {
        return api.post("/api/v1/pools/" + pool + "/ranges", "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}");
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.error()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }
}
