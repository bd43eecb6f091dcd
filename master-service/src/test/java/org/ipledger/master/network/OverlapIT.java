package org.ipledger.master.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipledger.master.ApiClient;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** I2: networks never overlap; ranges lie inside one network and never overlap each other. */
class OverlapIT extends OneMaster {

    @ParameterizedTest(name = "{0}: {1} then {2} -> {3}")
    @CsvSource({
            "equal,            10.1.0.0/24,      10.1.0.0/24,        409",
            "inner after outer, 10.2.0.0/16,     10.2.5.0/24,        409",
            "outer after inner, 10.3.5.0/24,     10.3.0.0/16,        409",
            "adjacent,         10.4.0.0/24,      10.4.1.0/24,        201",
            "equal v6,         2001:db8:1::/48,  2001:db8:1::/48,    409",
            "inner after outer v6, 2001:db8:2::/48, 2001:db8:2:5::/64, 409",
            "outer after inner v6, 2001:db8:3:5::/64, 2001:db8:3::/48, 409",
            "deeply nested v6, 2001:db8:4::/64,  2001:db8:4:0:1::/80, 409",
            "adjacent blocks v6, 2001:db8:5::/64, 2001:db8:5:1::/64, 201",
    })
    void networkOverlapMatrix(String name, String existing, String candidate, int expected) {
        long existingId = new RestFixture(api).network(existing);
        long before = database.count("SELECT COUNT(*) FROM ipnet");

        ApiClient.Response response = api.post("/api/v1/networks", "{\"cidr\":\"" + candidate + "\",\"name\":\"n\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected == 409) {
            assertThat(response.error()).isEqualTo("network_overlap");
            assertThat(response.json().get("details").get("conflictingNetworkId").asLong()).isEqualTo(existingId);
            assertThat(response.json().get("message").asString()).contains(existing);
            assertThat(database.count("SELECT COUNT(*) FROM ipnet")).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}: {2}-{3} then {4}-{5} -> {6}")
    @CsvSource({
            "equal,            10.50.0.0/24, 10.50.0.10, 10.50.0.20, 10.50.0.10, 10.50.0.20, 409",
            "inner after outer, 10.51.0.0/24, 10.51.0.10, 10.51.0.20, 10.51.0.12, 10.51.0.15, 409",
            "outer after inner, 10.52.0.0/24, 10.52.0.12, 10.52.0.15, 10.52.0.10, 10.52.0.20, 409",
            "partial below,    10.53.0.0/24, 10.53.0.10, 10.53.0.20, 10.53.0.5,  10.53.0.10, 409",
            "partial above,    10.54.0.0/24, 10.54.0.10, 10.54.0.20, 10.54.0.20, 10.54.0.30, 409",
            "adjacent,         10.55.0.0/24, 10.55.0.10, 10.55.0.20, 10.55.0.21, 10.55.0.30, 201",
            "equal v6,         2001:db8:50::/64, 2001:db8:50::10, 2001:db8:50::20, 2001:db8:50::10, 2001:db8:50::20, 409",
            "inner after outer v6, 2001:db8:51::/64, 2001:db8:51::10, 2001:db8:51::20, 2001:db8:51::12, 2001:db8:51::15, 409",
            "outer after inner v6, 2001:db8:52::/64, 2001:db8:52::12, 2001:db8:52::15, 2001:db8:52::10, 2001:db8:52::20, 409",
            "partial v6,       2001:db8:53::/64, 2001:db8:53::10, 2001:db8:53::20, 2001:db8:53::15, 2001:db8:53::30, 409",
            "adjacent v6,      2001:db8:55::/64, 2001:db8:55::10, 2001:db8:55::20, 2001:db8:55::21, 2001:db8:55::30, 201",
    })
    void rangeOverlapMatrixAcrossPools(String name, String network, String start1, String end1, String start2,
                                       String end2, int expected) {
        RestFixture fixture = new RestFixture(api);
        fixture.network(network);
        long firstPool = fixture.pool("first " + name);
        long secondPool = fixture.pool("second " + name);
        long existing = fixture.range(firstPool, start1, end1);
        long before = database.count("SELECT COUNT(*) FROM ippool_range");

        ApiClient.Response response = api.post("/api/v1/pools/" + secondPool + "/ranges",
                "{\"start\":\"" + start2 + "\",\"end\":\"" + end2 + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        if (expected == 409) {
            assertThat(response.error()).isEqualTo("range_overlap");
            assertThat(response.json().get("details").get("conflictingRangeId").asLong()).isEqualTo(existing);
            assertThat(database.count("SELECT COUNT(*) FROM ippool_range")).isEqualTo(before);
        }
    }
}
