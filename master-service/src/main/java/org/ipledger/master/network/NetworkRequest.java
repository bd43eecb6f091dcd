package org.ipledger.master.network;

import java.util.List;

/** The body of {@code POST /api/v1/networks}. */
public record NetworkRequest(String cidr, String name, String gateway, Integer vlan, List<String> locations,
                             String note) {
}
