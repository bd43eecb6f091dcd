package org.ipledger.master.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ipledger.addressing.AddressKey;
import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.master.allocation.PlatformAddresses;
import org.ipledger.master.changes.AddressSpace.NetworkSpan;
import org.ipledger.master.changes.AddressSpace.RangeSpan;
import org.ipledger.master.changes.AddressSpace.Ref;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Tells a platform, before it migrates, every conflict its address space would meet on the master
 * and which of its networks would merge; changes nothing. Addresses are checked in memory against
 * sorted spans and looked up in batches, so a million of them take seconds.
 */
@Service
class Preflight {

    private final RowMappings mappings;
    private final MasterSpaces spaces;
    private final SpaceCheck check;
    private final PlatformAddresses addresses;
    private final JdbcClient jdbc;

    Preflight(RowMappings mappings, MasterSpaces spaces, SpaceCheck check, PlatformAddresses addresses, JdbcClient jdbc) {
        this.mappings = mappings;
        this.spaces = spaces;
        this.check = check;
        this.addresses = addresses;
        this.jdbc = jdbc;
    }

    /** The answer: every conflict, and the local networks that merge into master networks. */
    record Report(List<Conflict> conflicts, List<Map<String, Long>> merges) {
    }

    /** Preflight of a registered platform: what it already brought is not a conflict (a resumed migration). */
    Report check(String platformId, PreflightRequest request) {
        if (jdbc.sql("SELECT COUNT(*) FROM platform WHERE id = ? AND secret IS NOT NULL").param(platformId)
                .query(Long.class).single() == 0) {
            throw ApiException.notFound("platform_not_found", "Platform " + platformId + " is not registered.");
        }
        return report(platformId, request);
    }

    /**
     * Preflight of a platform before it registers: the empty id is no platform's, so every
     * network, range and address on the master belongs to someone else.
     */
    Report checkUnregistered(PreflightRequest request) {
        return report("", request);
    }

    private Report report(String platformId, PreflightRequest request) {
        LocalSpace local = read(request);
        RowMappings.Mapped mapped = mappings.load(platformId);
        AddressSpace master = spaces.load();
        SpaceCheck.StructureReport structure = check.structure(platformId, local, mapped, master);
        RowMappings.Mapped known = mapped.plus(structure.reclaimed());
        List<Conflict> conflicts = new ArrayList<>(structure.conflicts());
        Set<Long> localPools = local.pools().stream().map(LocalSpace.Pool::id).collect(Collectors.toSet());
        SpaceCheck.AddressReport placed = check.addresses(local.addresses(), localPools, known,
                withPlatformRows(master, local, known, structure, platformId));
        conflicts.addAll(placed.conflicts());
        List<LocalSpace.Address> resolved = placed.resolved().stream().map(SpaceCheck.Resolved::row).toList();
        conflicts.addAll(SpaceApplier.taken(addresses.heldByOthers(platformId,
                resolved.stream().map(LocalSpace.Address::address).toList()), resolved));
        List<Map<String, Long>> merges = structure.merges().entrySet().stream()
                .map(e -> Map.of("localNetworkId", e.getKey(), "masterNetworkId", e.getValue())).toList();
        return new Report(conflicts, merges);
    }

    /** The master's space plus the platform's new networks and ranges as if they were applied. */
    private static AddressSpace withPlatformRows(AddressSpace master, LocalSpace local, RowMappings.Mapped mapped,
                                                 SpaceCheck.StructureReport structure, String platformId) {
        Set<Long> refused = structure.conflicts().stream().filter(c -> c.local().get("table").equals("ipnet"))
                .map(c -> ((Number) c.local().get("id")).longValue()).collect(Collectors.toSet());
        List<NetworkSpan> networks = local.networks().stream()
                .filter(n -> !mapped.networks().containsKey(n.id()) && !structure.merges().containsKey(n.id())
                        && !refused.contains(n.id()))
                .map(n -> NetworkSpan.of(Ref.local(n.id()), n.block(), n.name(), n.gateway(), n.vlan(), platformId))
                .toList();
        List<RangeSpan> ranges = local.ranges().stream().filter(r -> !mapped.ranges().containsKey(r.id()))
                .map(r -> new RangeSpan(AddressKey.of(r.start()), AddressKey.of(r.end()), Ref.local(r.id()),
                        mapped.pool(r.poolId()), Ref.local(r.networkId().orElse(0L)), r.text(), platformId))
                .toList();
        return master.plus(networks, ranges);
    }

    private static LocalSpace read(PreflightRequest request) {
        List<LocalSpace.Network> networks = new ArrayList<>();
        List<PreflightRequest.NetworkItem> networkItems = listOf(request == null ? null : request.networks());
        for (int i = 0; i < networkItems.size(); i++) {
            PreflightRequest.NetworkItem item = networkItems.get(i);
            String field = "networks[" + i + "]";
            networks.add(new LocalSpace.Network(id(field, item.id()), AddressParser.network(field + ".cidr", item.cidr()),
                    required(field + ".name", item.name()), item.gateway() == null ? null
                    : AddressParser.address(field + ".gateway", item.gateway()).toCanonicalString(), item.vlan(),
                    listOf(item.locations()), item.note()));
        }
        List<LocalSpace.Pool> pools = new ArrayList<>();
        List<PreflightRequest.PoolItem> poolItems = listOf(request == null ? null : request.pools());
        for (int i = 0; i < poolItems.size(); i++) {
            PreflightRequest.PoolItem item = poolItems.get(i);
            String field = "pools[" + i + "]";
            pools.add(new LocalSpace.Pool(id(field, item.id()), required(field + ".name", item.name()),
                    listOf(item.locations()), item.note()));
        }
        List<LocalSpace.Range> ranges = new ArrayList<>();
        List<PreflightRequest.RangeItem> rangeItems = listOf(request == null ? null : request.ranges());
        for (int i = 0; i < rangeItems.size(); i++) {
            PreflightRequest.RangeItem item = rangeItems.get(i);
            String field = "ranges[" + i + "]";
            ranges.add(new LocalSpace.Range(id(field, item.id()), id(field + ".poolId", item.poolId()),
                    Optional.ofNullable(item.networkId()), AddressParser.address(field + ".start", item.start()),
                    AddressParser.address(field + ".end", item.end())));
        }
        List<PreflightRequest.AddressItem> addressItems = listOf(request == null ? null : request.addresses());
        List<LocalSpace.Address> addressRows = new ArrayList<>(addressItems.size());
        for (int i = 0; i < addressItems.size(); i++) {
            PreflightRequest.AddressItem item = addressItems.get(i);
            String field = "addresses[" + i + "]";
            AddressStatus status;
            try {
                status = AddressStatus.storable(item.status());
            } catch (ApiException e) {
                throw ApiException.badRequest("invalid_status", field + ".status must be 'allocated' or 'reserved', got '"
                        + item.status() + "'.");
            }
            addressRows.add(new LocalSpace.Address(Optional.empty(), AddressParser.address(field + ".address",
                    item.address()), status, Optional.ofNullable(item.poolId())));
        }
        return new LocalSpace(networks, pools, ranges, addressRows);
    }

    private static long id(String field, Long id) {
        if (id == null || id < 1) {
            throw ApiException.badRequest("missing_field", field + ".id is required and positive.");
        }
        return id;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_field", field + " is required.");
        }
        return value;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
