package org.ipledger.master.changes;

import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.master.allocation.AddressStatus;

/**
 * A platform's own rows as the master reads them, with the platform's local ids, from a
 * migration chunk, a change event or a preflight request.
 */
record LocalSpace(List<Network> networks, List<Pool> pools, List<Range> ranges, List<Address> addresses) {

    record Network(long id, IPAddress block, String name, String gateway, Integer vlan, List<String> locations,
                   String note) {

        String cidr() {
            return block.toCanonicalString();
        }
    }

    record Pool(long id, String name, List<String> locations, String note) {
    }

    record Range(long id, long poolId, Optional<Long> networkId, IPAddress start, IPAddress end) {

        String text() {
            return start.toCanonicalString() + "-" + end.toCanonicalString();
        }
    }

    /** An address row; {@code id} is absent in preflight, where addresses are known by their value. */
    record Address(Optional<Long> id, IPAddress address, AddressStatus status, Optional<Long> poolId) {
    }

    static LocalSpace empty() {
        return new LocalSpace(List.of(), List.of(), List.of(), List.of());
    }
}
