package org.ipledger.master.changes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ipledger.addressing.AddressKey;
import org.ipledger.master.allocation.PlatformAddresses;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkRequest;
import org.ipledger.master.network.NetworkService;
import org.ipledger.master.pool.PoolRequest;
import org.ipledger.master.pool.PoolService;
import org.ipledger.master.pool.Range;
import org.ipledger.master.pool.RangeRequest;
import org.ipledger.master.pool.RangeService;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.web.AddressParser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings a platform's rows onto the master in the caller's transaction, in the order networks,
 * pools, ranges, addresses: identical networks merge, the platform's own rows brought back under
 * new local ids are mapped to the rows they were, new rows are created through the same
 * services as the REST API (so I1 and I2 are checked the same way and the ledger gets the same
 * entries), addresses are written in bulk. Rows already mapped are left as they are, so applying
 * the same rows twice changes nothing. Any conflict throws {@link ConflictsFound} naming every
 * conflicting row found, and the caller rolls back.
 */
@Component
class SpaceApplier {

    private final ChangeTransaction shared;
    private final RowMappings mappings;
    private final SpaceCheck check;
    private final NetworkService networks;
    private final PoolService pools;
    private final RangeService ranges;
    private final PlatformAddresses addresses;

    SpaceApplier(ChangeTransaction shared, RowMappings mappings, SpaceCheck check, NetworkService networks,
                 PoolService pools, RangeService ranges, PlatformAddresses addresses) {
        this.shared = shared;
        this.mappings = mappings;
        this.check = check;
        this.networks = networks;
        this.pools = pools;
        this.ranges = ranges;
        this.addresses = addresses;
    }

    /** What was applied: counts of rows received per table and the networks that merged. */
    record Applied(int networks, int pools, int ranges, int addresses, List<Map<String, Long>> merges) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Applied apply(String platformId, String eventId, LocalSpace local) {
        shared.lockStructure();
        RowMappings.Mapped mapped = shared.mapped(platformId);
        AddressSpace master = shared.space();
        SpaceCheck.StructureReport report = check.structure(platformId, local, mapped, master);
        if (!report.conflicts().isEmpty()) {
            throw new ConflictsFound(report.conflicts());
        }
        List<Map<String, Long>> merges = new ArrayList<>();
        List<AddressSpace.NetworkSpan> createdNetworks = new ArrayList<>();
        List<AddressSpace.RangeSpan> createdRanges = new ArrayList<>();
        for (LocalSpace.Network network : local.networks()) {
            if (!mapped.networks().containsKey(network.id())) {
                Long merged = report.merges().get(network.id());
                Long own = report.reclaimed().networks().get(network.id());
                long masterId = merged != null ? merged : own != null ? own : create(network, platformId, createdNetworks);
                mappings.map(platformId, PlatformTable.IPNET, network.id(), masterId, merged != null);
                mapped.networks().put(network.id(), masterId);
                if (merged != null) {
                    merges.add(Map.of("localNetworkId", network.id(), "masterNetworkId", masterId));
                }
            }
        }
        for (LocalSpace.Pool pool : local.pools()) {
            if (!mapped.pools().containsKey(pool.id())) {
                Long own = report.reclaimed().pools().get(pool.id());
                long masterId = own != null ? own
                        : pools.create(new PoolRequest(pool.name(), pool.locations(), pool.note()), platformId).id();
                mappings.map(platformId, PlatformTable.IPPOOL, pool.id(), masterId, false);
                mapped.pools().put(pool.id(), masterId);
            }
        }
        for (LocalSpace.Range range : local.ranges()) {
            Long own = report.reclaimed().ranges().get(range.id());
            if (own != null) {
                mappings.map(platformId, PlatformTable.IPPOOL_RANGE, range.id(), own, false);
                mapped.ranges().put(range.id(), own);
            } else if (!mapped.ranges().containsKey(range.id())) {
                createdRanges.add(addRange(platformId, range, mapped));
            }
        }
        shared.created(createdNetworks, createdRanges);
        if (!local.addresses().isEmpty()) {
            applyAddresses(platformId, Collections.nCopies(local.addresses().size(), eventId), local.addresses(), mapped,
                    shared.space());
        }
        return new Applied(local.networks().size(), local.pools().size(), local.ranges().size(),
                local.addresses().size(), merges);
    }

    private long create(LocalSpace.Network network, String platformId, List<AddressSpace.NetworkSpan> created) {
        Network stored = networks.create(new NetworkRequest(network.cidr(), network.name(), network.gateway(),
                network.vlan(), network.locations(), network.note()), platformId);
        created.add(AddressSpace.NetworkSpan.of(AddressSpace.Ref.master(stored.id()),
                AddressParser.network("cidr", stored.cidr()), stored.name(),
                stored.gateway(), stored.vlan(), platformId));
        return stored.id();
    }

    private AddressSpace.RangeSpan addRange(String platformId, LocalSpace.Range range, RowMappings.Mapped mapped) {
        Range added = ranges.add(mapped.pools().get(range.poolId()), new RangeRequest(range.start().toCanonicalString(),
                range.end().toCanonicalString(), null), platformId);
        Optional<Long> network = range.networkId().map(mapped.networks()::get);
        if (network.isPresent() && network.get() != added.networkId()) {
            throw new ConflictsFound(List.of(new Conflict("range_outside_network", Conflict.row("ippool_range", "id",
                    range.id()), Conflict.row("ipnet", "id", added.networkId()), "Local range " + range.id() + " ("
                    + range.text() + ") names ipnet " + range.networkId().get() + " but lies in master network "
                    + added.networkId() + ".")));
        }
        mappings.map(platformId, PlatformTable.IPPOOL_RANGE, range.id(), added.id(), false);
        mapped.ranges().put(range.id(), added.id());
        return new AddressSpace.RangeSpan(AddressKey.of(range.start()), AddressKey.of(range.end()),
                AddressSpace.Ref.master(added.id()), AddressSpace.Ref.master(added.poolId()),
                AddressSpace.Ref.master(added.networkId()), added.start() + "-" + added.end(), platformId);
    }

    /**
     * Applies captured address rows of several events together, each address's ledger entry
     * attributed to its own event; the addresses are distinct.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void applyAddresses(String platformId, List<LocalSpace.Address> rows, List<String> eventIds) {
        shared.lockStructure();
        applyAddresses(platformId, eventIds, rows, shared.mapped(platformId), shared.space());
    }

    private void applyAddresses(String platformId, List<String> eventIds, List<LocalSpace.Address> rows,
                                RowMappings.Mapped mapped, AddressSpace master) {
        SpaceCheck.AddressReport report = check.addresses(rows, Set.of(), mapped, master);
        if (!report.conflicts().isEmpty()) {
            throw new ConflictsFound(report.conflicts());
        }
        Map<LocalSpace.Address, String> eventOf = new IdentityHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            eventOf.put(rows.get(i), eventIds.get(i));
        }
        List<PlatformAddresses.Change> changes = new ArrayList<>(report.resolved().size());
        List<String> changeEvents = new ArrayList<>(report.resolved().size());
        for (SpaceCheck.Resolved resolved : report.resolved()) {
            changes.add(new PlatformAddresses.Change(resolved.row().address(), resolved.network().id(),
                    resolved.pool().map(AddressSpace.Ref::id), resolved.row().status()));
            changeEvents.add(eventOf.get(resolved.row()));
        }
        List<PlatformAddresses.Refusal> refusals = addresses.apply(platformId, changes, changeEvents);
        if (!refusals.isEmpty()) {
            throw new ConflictsFound(taken(refusals, rows));
        }
    }

    static List<Conflict> taken(List<PlatformAddresses.Refusal> refusals, List<LocalSpace.Address> rows) {
        Map<String, Long> ids = new HashMap<>();
        rows.forEach(row -> row.id().ifPresent(id -> ids.put(row.address().toCanonicalString(), id)));
        List<Conflict> conflicts = new ArrayList<>(refusals.size());
        for (PlatformAddresses.Refusal refusal : refusals) {
            String address = refusal.address().toCanonicalString();
            Map<String, Object> master = new LinkedHashMap<>(Conflict.row("ip", "address", address,
                    "platformId", refusal.heldBy()));
            master.put("status", refusal.heldAs().json());
            conflicts.add(new Conflict("address_taken", Conflict.row("ip", "id", ids.get(address), "address", address),
                    master, "Address " + address + " is already " + refusal.heldAs().json() + " by platform "
                            + refusal.heldBy() + "."));
        }
        return conflicts;
    }
}
