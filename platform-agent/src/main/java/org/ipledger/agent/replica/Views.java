package org.ipledger.agent.replica;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/** The JSON of the read API, field for field the master's ({@code Network}, {@code Pool}, {@code Range}, {@code AddressView}). */
final class Views {

    private Views() {
    }

    /** A network; empty {@code locations} means all locations. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(long id, String cidr, String name, int family, String gateway, Integer vlan, List<String> locations,
            String note, String platformId) {
    }

    /** A pool; empty {@code locations} means all locations. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pool(long id, String name, List<String> locations, String note, String platformId) {
    }

    /** A range; {@code size} is a decimal string since IPv6 sizes exceed JSON numbers. */
    public record Range(long id, long poolId, long networkId, String start, String end, String size) {
    }

    /**
     * An address with its stored or computed status. {@code owner}, {@code dnsbl} and {@code note}
     * only ever appear on this platform's own addresses (I5).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String address, String status, Long poolId, Long networkId, String platformId, String owner,
            JsonNode dnsbl, String note) {
    }
}
