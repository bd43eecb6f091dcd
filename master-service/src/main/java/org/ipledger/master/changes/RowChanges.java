package org.ipledger.master.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.ipledger.addressing.AddressKey;
import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.master.allocation.PlatformAddresses;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkService;
import org.ipledger.master.pool.Pool;
import org.ipledger.master.pool.PoolService;
import org.ipledger.master.pool.RangeService;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.change.PoolRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one captured row change in the caller's transaction. A create of a row the master does
 * not know yet goes through {@link SpaceApplier} (merge, create, conflict); a create or update of
 * a mapped row brings the master's row to the captured state; a delete removes the master's row
 * (or only forgets a merged network). Applying the same row state twice changes nothing.
 */
@Component
class RowChanges {

    private final RowMappings mappings;
    private final SpaceApplier applier;
    private final ChangeTransaction shared;
    private final NetworkService networks;
    private final PoolService pools;
    private final RangeService ranges;
    private final PlatformAddresses addresses;
    private final JdbcClient jdbc;

    RowChanges(RowMappings mappings, SpaceApplier applier, ChangeTransaction shared, NetworkService networks,
               PoolService pools, RangeService ranges, PlatformAddresses addresses, JdbcClient jdbc) {
        this.mappings = mappings;
        this.applier = applier;
        this.shared = shared;
        this.networks = networks;
        this.pools = pools;
        this.ranges = ranges;
        this.addresses = addresses;
        this.jdbc = jdbc;
    }

    /** The receipt's result: {@code table}, {@code localId}, {@code effect} and the master row. */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<String, Object> apply(ChangeEvent event) {
        shared.lockStructure();
        Map<String, Object> result = resultOf(event);
        String effect;
        if (event.row() instanceof NetworkRow row) {
            effect = network(event, row, result);
        } else if (event.row() instanceof PoolRow row) {
            effect = pool(event, row, result);
        } else if (event.row() instanceof PoolRangeRow row) {
            effect = range(event, row, result);
        } else {
            effect = address(event, (AddressRow) event.row(), result);
        }
        result.put("effect", effect);
        return result;
    }

    /**
     * Applies creates and updates of distinct addresses, captured as separate events, with one
     * write of each kind instead of one per event; the receipts' results, in the events' order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Map<String, Object>> applyAddresses(List<ChangeEvent> events) {
        List<LocalSpace.Address> locals = events.stream().map(e -> PlatformRows.address((AddressRow) e.row())).toList();
        applier.applyAddresses(events.get(0).platformId(), locals,
                events.stream().map(ChangeEvent::eventId).toList());
        List<Map<String, Object>> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> result = resultOf(events.get(i));
            result.put("address", locals.get(i).address().toCanonicalString());
            result.put("effect", "applied");
            results.add(result);
        }
        return results;
    }

    /** The start of an event's receipt result: which row and what was done to it locally. */
    private static Map<String, Object> resultOf(ChangeEvent event) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", event.table().tableName());
        result.put("localId", event.row().id());
        result.put("op", event.op().wireName());
        return result;
    }

    /** Whether {@link #applyAddresses} can take this event: a create or update of an address row. */
    static boolean isAddressWrite(ChangesMessage message) {
        return message instanceof ChangeEvent event && event.row() instanceof AddressRow
                && event.op() != ChangeOperation.DELETE;
    }

    private String network(ChangeEvent event, NetworkRow row, Map<String, Object> result) {
        String platform = event.platformId();
        Optional<Long> mapped = mappings.find(platform, PlatformTable.IPNET, row.id());
        mapped.ifPresent(id -> result.put("masterId", id));
        if (event.op() == ChangeOperation.DELETE) {
            if (mapped.isEmpty()) {
                return "unchanged";
            }
            if (!mappings.merged(platform, row.id())) {
                networks.delete(mapped.get(), platform);
            }
            mappings.unmap(platform, PlatformTable.IPNET, row.id());
            shared.structureChanged();
            return "deleted";
        }
        LocalSpace.Network local = PlatformRows.network(row);
        if (mapped.isEmpty()) {
            SpaceApplier.Applied applied = applier.apply(platform, event.eventId(), PlatformRows.networks(List.of(local)));
            result.put("masterId", mappings.find(platform, PlatformTable.IPNET, row.id()).orElseThrow());
            return applied.merges().isEmpty() ? "created" : "merged";
        }
        Network current = networks.get(mapped.get());
        if (!current.cidr().equals(local.cidr())) {
            throw new ConflictsFound(List.of(new Conflict("network_cidr_changed", Conflict.row("ipnet", "id", row.id(),
                    "cidr", local.cidr()), Conflict.row("ipnet", "id", current.id(), "cidr", current.cidr(), "platformId",
                    current.platformId()), "Local network " + row.id() + " changed its CIDR to " + local.cidr()
                    + "; master network " + current.id() + " keeps " + current.cidr() + ".")));
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        putIfChanged(patch, "name", current.name(), local.name());
        putIfChanged(patch, "gateway", current.gateway(), local.gateway());
        putIfChanged(patch, "vlan", current.vlan(), local.vlan());
        putIfChanged(patch, "locations", current.locations(), local.locations());
        putIfChanged(patch, "note", current.note(), local.note());
        if (patch.isEmpty()) {
            return "unchanged";
        }
        networks.update(current.id(), patch, platform);
        shared.structureChanged();
        return "updated";
    }

    private String pool(ChangeEvent event, PoolRow row, Map<String, Object> result) {
        String platform = event.platformId();
        Optional<Long> mapped = mappings.find(platform, PlatformTable.IPPOOL, row.id());
        mapped.ifPresent(id -> result.put("masterId", id));
        if (event.op() == ChangeOperation.DELETE) {
            if (mapped.isEmpty()) {
                return "unchanged";
            }
            pools.delete(mapped.get(), platform);
            mappings.unmap(platform, PlatformTable.IPPOOL, row.id());
            mappings.unmapDeletedRanges(platform);
            shared.structureChanged();
            return "deleted";
        }
        LocalSpace.Pool local = PlatformRows.pool(row);
        if (mapped.isEmpty()) {
            applier.apply(platform, event.eventId(), PlatformRows.pools(List.of(local)));
            result.put("masterId", mappings.find(platform, PlatformTable.IPPOOL, row.id()).orElseThrow());
            return "created";
        }
        Pool current = pools.get(mapped.get());
        Map<String, Object> patch = new LinkedHashMap<>();
        putIfChanged(patch, "name", current.name(), local.name());
        putIfChanged(patch, "locations", current.locations(), local.locations());
        putIfChanged(patch, "note", current.note(), local.note());
        if (patch.isEmpty()) {
            return "unchanged";
        }
        pools.update(current.id(), patch, platform);
        shared.structureChanged();
        return "updated";
    }

    private String range(ChangeEvent event, PoolRangeRow row, Map<String, Object> result) {
        String platform = event.platformId();
        Optional<Long> mapped = mappings.find(platform, PlatformTable.IPPOOL_RANGE, row.id());
        Optional<StoredRange> current = mapped.flatMap(this::storedRange);
        if (event.op() == ChangeOperation.DELETE) {
            if (current.isEmpty()) {
                mapped.ifPresent(id -> mappings.unmap(platform, PlatformTable.IPPOOL_RANGE, row.id()));
                shared.structureChanged();
                return "unchanged";
            }
            ranges.remove(current.get().poolId(), mapped.get(), platform);
            mappings.unmap(platform, PlatformTable.IPPOOL_RANGE, row.id());
            shared.structureChanged();
            result.put("masterId", mapped.get());
            return "deleted";
        }
        LocalSpace.Range local = PlatformRows.range(row);
        Optional<Long> pool = mappings.find(platform, PlatformTable.IPPOOL, row.poolId());
        if (current.isPresent() && pool.isPresent() && pool.get() == current.get().poolId()
                && current.get().start().equals(local.start().toCanonicalString())
                && current.get().end().equals(local.end().toCanonicalString())) {
            result.put("masterId", mapped.get());
            return "unchanged";
        }
        if (current.isPresent()) {
            // A changed range is replaced: removed and added again, in this one transaction.
            ranges.remove(current.get().poolId(), mapped.get(), platform);
        }
        if (mapped.isPresent()) {
            mappings.unmap(platform, PlatformTable.IPPOOL_RANGE, row.id());
            // The range it was is gone from the space and the mappings: read them again.
            shared.structureChanged();
        }
        applier.apply(platform, event.eventId(), PlatformRows.ranges(List.of(local)));
        result.put("masterId", mappings.find(platform, PlatformTable.IPPOOL_RANGE, row.id()).orElseThrow());
        return current.isPresent() ? "replaced" : "created";
    }

    private String address(ChangeEvent event, AddressRow row, Map<String, Object> result) {
        LocalSpace.Address local = PlatformRows.address(row);
        result.put("address", local.address().toCanonicalString());
        if (event.op() != ChangeOperation.DELETE) {
            applier.apply(event.platformId(), event.eventId(), PlatformRows.addresses(List.of(local)));
            return "applied";
        }
        AddressSpace space = shared.space();
        byte[] key = AddressKey.of(local.address());
        Optional<AddressSpace.NetworkSpan> network = space.networkOf(key);
        if (network.isEmpty()) {
            return "unchanged";
        }
        List<PlatformAddresses.Refusal> refusals = addresses.apply(event.platformId(), event.eventId(), List.of(
                new PlatformAddresses.Change(local.address(), network.get().ref().id(),
                        space.rangeOf(key).map(r -> r.pool().id()), AddressStatus.FREE)));
        if (!refusals.isEmpty()) {
            throw new ConflictsFound(SpaceApplier.taken(refusals, List.of(local)));
        }
        return "released";
    }

    private Optional<StoredRange> storedRange(long rangeId) {
        return jdbc.sql("SELECT ippool, start_addr, end_addr FROM ippool_range WHERE id = ?").param(rangeId)
                .query((rs, n) -> new StoredRange(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    private static void putIfChanged(Map<String, Object> patch, String field, Object current, Object wanted) {
        if (!Objects.equals(current, wanted)) {
            patch.put(field, wanted);
        }
    }

    private record StoredRange(long poolId, String start, String end) {
    }
}
