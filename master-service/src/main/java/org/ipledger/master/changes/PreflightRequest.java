package org.ipledger.master.changes;

import java.util.List;

/**
 * Body of {@code POST /api/v1/platforms/{platformId}/preflight}: the platform's local address
 * space, with its local ids.
 */
record PreflightRequest(List<NetworkItem> networks, List<PoolItem> pools, List<RangeItem> ranges,
                        List<AddressItem> addresses) {

    record NetworkItem(Long id, String cidr, String name, String gateway, Integer vlan, List<String> locations,
                       String note) {
    }

    record PoolItem(Long id, String name, List<String> locations, String note) {
    }

    record RangeItem(Long id, Long poolId, Long networkId, String start, String end) {
    }

    record AddressItem(String address, String status, Long poolId) {
    }
}
