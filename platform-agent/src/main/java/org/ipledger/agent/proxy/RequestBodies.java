package org.ipledger.agent.proxy;

import java.util.List;

/**
 * The bodies of the creating requests, bound by Jackson as the master binds its own, so an
 * unknown field or a value of the wrong type is refused with the master's status and code.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    record NewNetwork(String cidr, String name, String gateway, Integer vlan, List<String> locations, String note) {
    }

    record NewPool(String name, List<String> locations, String note) {
    }

    /** Either start and end, or a CIDR. */
    record NewRange(String start, String end, String cidr) {
    }

    record NewAllocation(String requestId, Integer count, String address, String owner) {
    }
}
