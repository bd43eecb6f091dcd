package org.ipledger.master.changes;

import java.util.List;
import java.util.Optional;

import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.change.PoolRow;
import org.ipledger.web.AddressParser;

/** Reads the rows of the changes topic into a {@link LocalSpace}; a malformed value throws the REST API's 400. */
final class PlatformRows {

    private PlatformRows() {
    }

    static LocalSpace of(MigrationChunk chunk) {
        return new LocalSpace(chunk.networks().stream().map(PlatformRows::network).toList(),
                chunk.pools().stream().map(PlatformRows::pool).toList(),
                chunk.ranges().stream().map(PlatformRows::range).toList(),
                chunk.addresses().stream().map(PlatformRows::address).toList());
    }

    static LocalSpace.Network network(NetworkRow row) {
        return new LocalSpace.Network(row.id(), AddressParser.network("ipnet " + row.id() + " addr/prefix",
                row.networkAddress() + "/" + row.prefix()), row.name(),
                row.gateway().map(g -> AddressParser.address("ipnet " + row.id() + " gateway", g).toCanonicalString())
                        .orElse(null), row.vlan().orElse(null), row.locations(), row.note().orElse(null));
    }

    static LocalSpace.Pool pool(PoolRow row) {
        return new LocalSpace.Pool(row.id(), row.name(), row.locations(), row.note().orElse(null));
    }

    static LocalSpace.Range range(PoolRangeRow row) {
        return new LocalSpace.Range(row.id(), row.poolId(), row.networkId(),
                AddressParser.address("ippool_range " + row.id() + " start_addr", row.startAddress()),
                AddressParser.address("ippool_range " + row.id() + " end_addr", row.endAddress()));
    }

    static LocalSpace.Address address(AddressRow row) {
        return new LocalSpace.Address(Optional.of(row.id()), AddressParser.address("ip " + row.id() + " addr",
                row.address()), AddressStatus.storable(row.status().wireName()), row.poolId());
    }

    static LocalSpace networks(List<LocalSpace.Network> networks) {
        return new LocalSpace(networks, List.of(), List.of(), List.of());
    }

    static LocalSpace pools(List<LocalSpace.Pool> pools) {
        return new LocalSpace(List.of(), pools, List.of(), List.of());
    }

    static LocalSpace ranges(List<LocalSpace.Range> ranges) {
        return new LocalSpace(List.of(), List.of(), ranges, List.of());
    }

    static LocalSpace addresses(List<LocalSpace.Address> addresses) {
        return new LocalSpace(List.of(), List.of(), List.of(), addresses);
    }
}
