package org.ipledger.master.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ipledger.master.ApiClient;
import org.ipledger.master.ApiClient.Response;
import org.ipledger.master.RestFixture;

/**
 * The bad inputs of the REST API with the status and error code each gets. The master and an
 * agent joined to it both serve this API, and both run this one table, so that the same bad
 * input gets the same answer from either.
 */
public final class BadInputTable {

    public static final String VIEWER_PASSWORD = "viewer-password";

    private BadInputTable() {
    }

    /** One bad request and its answer: the status, the error code, and words the message names. */
    public record Row(String name, Function<Target, Response> request, int status, String code, List<String> messageNames) {

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A service to send the rows to: its administrator, a user without roles, an administrator
     * whose token has expired, and the address space {@link #build} made through its API.
     */
    public record Target(ApiClient admin, ApiClient viewer, ApiClient expired, Space space) {
    }

    /** Two networks, a pool with one address taken, and a pool with its only two addresses taken. */
    public record Space(long network, long pool, long tinyPool) {
    }

    /** Builds the address space the rows refer to, through the API of the service under test. */
    public static Space build(ApiClient admin) {
        RestFixture fixture = new RestFixture(admin);
        long network = fixture.network("10.60.0.0/24");
        fixture.network("10.60.1.0/24");
        long pool = fixture.pool("main");
        fixture.range(pool, "10.60.0.10", "10.60.0.100");
        long tinyPool = fixture.pool("tiny");
        fixture.range(tinyPool, "10.60.1.10", "10.60.1.11");
        for (long taken : new long[] {tinyPool, tinyPool, pool}) {
            assertThat(fixture.allocate(taken).status()).isEqualTo(201);
        }
        return new Space(network, pool, tinyPool);
    }

    /** Creates a user without roles on the master (users live there only); it logs in with {@link #VIEWER_PASSWORD}. */
    public static String createViewer(ApiClient masterAdmin) {
        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        Response created = masterAdmin.post("/api/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"roles\":[]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    public static Stream<Row> rows() {
        return Stream.of(
                row("malformed CIDR", t -> t.admin().post("/api/v1/networks", "{\"cidr\":\"10.0.0.300/24\",\"name\":\"n\"}"),
                        400, "malformed_cidr"),
                row("CIDR with host bits set, refused not truncated",
                        t -> t.admin().post("/api/v1/networks", "{\"cidr\":\"10.70.0.1/24\",\"name\":\"n\"}"),
                        400, "host_bits_set", "10.70.0.0/24"),
                row("gateway outside the network", t -> t.admin().post("/api/v1/networks",
                        "{\"cidr\":\"10.71.0.0/24\",\"name\":\"n\",\"gateway\":\"10.71.1.1\"}"), 400, "gateway_outside_network"),
                row("network without a name", t -> t.admin().post("/api/v1/networks", "{\"cidr\":\"10.78.0.0/24\"}"),
                        400, "missing_field", "name"),
                row("range outside any network", t -> addRange(t, "10.99.0.1", "10.99.0.9"), 400, "range_outside_network"),
                row("range across two networks", t -> addRange(t, "10.60.0.200", "10.60.1.50"), 400, "range_spans_networks",
                        "10.60.0.0/24", "10.60.1.0/24"),
                row("reversed range", t -> addRange(t, "10.60.0.150", "10.60.0.140"), 400, "range_reversed"),
                row("range mixing IPv4 and IPv6", t -> addRange(t, "10.60.0.150", "2001:db8::1"), 400, "mixed_address_families"),
                row("range with bounds and a CIDR", t -> t.admin().post("/api/v1/pools/" + t.space().pool() + "/ranges",
                        "{\"start\":\"10.60.0.150\",\"end\":\"10.60.0.160\",\"cidr\":\"10.60.0.0/28\"}"), 400, "invalid_range"),
                row("allocation from an unknown pool", t -> new RestFixture(t.admin()).allocate(999_999), 404, "pool_not_found"),
                row("allocation from an exhausted pool", t -> new RestFixture(t.admin()).allocate(t.space().tinyPool()),
                        409, "pool_exhausted"),
                row("requested address already taken", t -> t.admin().post("/api/v1/pools/" + t.space().pool() + "/allocations",
                        "{\"requestId\":\"" + UUID.randomUUID() + "\",\"address\":\"10.60.0.10\"}"), 409, "address_taken"),
                row("count above the limit", t -> t.admin().post("/api/v1/pools/" + t.space().pool() + "/allocations",
                        "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":100000}"), 400, "count_out_of_range"),
                row("body that is not JSON", t -> t.admin().post("/api/v1/networks", "cidr=10.0.0.0/24"), 400, "malformed_json"),
                row("no body", t -> t.admin().send(t.admin().request("/api/v1/networks")
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())), 400, "missing_body"),
                row("unknown field, refused by name", t -> t.admin().post("/api/v1/networks",
                        "{\"cidr\":\"10.72.0.0/24\",\"name\":\"n\",\"colour\":\"red\"}"), 400, "unknown_field", "colour"),
                row("field of the wrong type", t -> t.admin().post("/api/v1/networks",
                        "{\"cidr\":\"10.76.0.0/24\",\"name\":\"n\",\"vlan\":\"ten\"}"), 400, "invalid_field", "vlan"),
                row("PATCH with an unknown field, refused by name", t -> patchNetwork(t, "{\"name\":\"n\",\"colour\":\"red\"}"),
                        400, "unknown_field", "colour"),
                row("PATCH with a field of the wrong type", t -> patchNetwork(t, "{\"vlan\":\"ten\"}"), 400, "invalid_field", "vlan"),
                row("PATCH that changes nothing", t -> patchNetwork(t, "{}"), 400, "empty_patch"),
                row("PATCH clearing the name", t -> patchNetwork(t, "{\"name\":null}"), 400, "missing_field", "name"),
                row("PATCH of an address to a status it cannot be stored in",
                        t -> t.admin().patch("/api/v1/addresses/10.60.0.50", "{\"status\":\"free\"}"), 400, "invalid_status"),
                row("PATCH of an address with an unknown field", t -> t.admin().patch("/api/v1/addresses/10.60.0.50",
                        "{\"status\":\"reserved\",\"colour\":\"red\"}"), 400, "unknown_field", "colour"),
                row("parameter of the wrong type", t -> t.admin().get("/api/v1/networks?limit=many"), 400, "invalid_parameter",
                        "limit"),
                row("page size out of range", t -> t.admin().get("/api/v1/networks?limit=0"), 400, "invalid_limit"),
                row("path that names no resource", t -> t.admin().get("/api/v1/nothing-here"), 404, "not_found"),
                row("method the resource does not have", t -> t.admin().delete("/api/v1/networks"), 405, "method_not_allowed"),
                row("wrong content type", t -> t.admin().send(t.admin().request("/api/v1/networks").header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"cidr\":\"10.75.0.0/24\",\"name\":\"n\"}"))),
                        415, "unsupported_media_type"),
                row("body over the size limit", t -> t.admin().post("/api/v1/networks",
                        "{\"cidr\":\"10.76.0.0/24\",\"name\":\"" + "n".repeat(1 << 20) + "\"}"), 413, "payload_too_large"),
                row("chunked body over the size limit, refused while it is read", t -> t.admin().send(t.admin()
                        .request("/api/v1/networks").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                ("{\"cidr\":\"10.77.0.0/24\",\"name\":\"" + "n".repeat(1 << 20) + "\"}")
                                        .getBytes(StandardCharsets.UTF_8))))), 413, "payload_too_large"),
                row("missing token", t -> t.admin().withToken(null).post("/api/v1/networks",
                        "{\"cidr\":\"10.73.0.0/24\",\"name\":\"n\"}"), 401, "unauthorized"),
                row("unknown token", t -> t.admin().withToken("not-a-token").get("/api/v1/networks"), 401, "invalid_token"),
                row("expired token", t -> t.expired().get("/api/v1/networks"), 401, "token_expired"),
                row("write by a user who is not an administrator", t -> t.viewer().post("/api/v1/networks",
                        "{\"cidr\":\"10.74.0.0/24\",\"name\":\"n\"}"), 403, "forbidden"));
    }

    /** Sends the row's request to the target and checks the answer. */
    public static void assertAnswered(Row row, Target target) {
        Response response = row.request().apply(target);
        assertThat(response.status()).as(response.body()).isEqualTo(row.status());
        assertThat(response.error()).as(response.body()).isEqualTo(row.code());
        String message = response.json().get("message").asString();
        assertThat(message).isNotBlank();
        row.messageNames().forEach(name -> assertThat(message).contains(name));
    }

    private static Row row(String name, Function<Target, Response> request, int status, String code, String... messageNames) {
        return new Row(name, request, status, code, List.of(messageNames));
    }

    private static Response addRange(Target target, String start, String end) {
        return target.admin().post("/api/v1/pools/" + target.space().pool() + "/ranges",
                "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}");
    }

    private static Response patchNetwork(Target target, String body) {
        return target.admin().patch("/api/v1/networks/" + target.space().network(), body);
    }
}
