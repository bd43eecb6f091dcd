package org.ipledger.master.changes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ipledger.addressing.AddressKey;
import org.ipledger.master.changes.AddressSpace.NetworkSpan;
import org.ipledger.master.changes.AddressSpace.RangeSpan;
import org.ipledger.master.changes.AddressSpace.Ref;
import org.springframework.stereotype.Component;

/**
 * The rules of I2 for a platform's rows against the master's address space: which networks merge,
 * which overlap, which ranges lie outside their network or overlap others, and where each address
 * lies. Shared by preflight, which only reports, and by migration chunks and change events,
 * which apply what passes. Rows already on the master for the same platform (a resumed migration)
 * are not conflicts, and neither are the platform's own rows it brings back under new local ids
 * (it joins again after a detach gave them back): those are reclaimed.
 */
@Component
class SpaceCheck {

    /**
     * Conflicts of networks, pools and ranges; the local networks that merge into other platforms'
     * master networks; and the local rows that are the platform's own master rows, identical, under
     * new local ids (only ids: {@code merged} stays empty, as they are the platform's own).
     */
    record StructureReport(List<Conflict> conflicts, Map<Long, Long> merges, RowMappings.Mapped reclaimed) {
    }

    /** An address and where it lies on the master (or, in preflight, in the platform's new rows). */
    record Resolved(LocalSpace.Address row, Ref network, Optional<Ref> pool) {
    }

    record AddressReport(List<Conflict> conflicts, List<Resolved> resolved) {
    }

    StructureReport structure(String platformId, LocalSpace local, RowMappings.Mapped mapped, AddressSpace master) {
        List<Conflict> conflicts = new ArrayList<>();
        Map<Long, Long> merges = new LinkedHashMap<>();
        RowMappings.Mapped reclaimed = RowMappings.Mapped.empty();
        List<LocalSpace.Network> accepted = new ArrayList<>();
        for (LocalSpace.Network network : local.networks()) {
            if (!mapped.networks().containsKey(network.id())) {
                checkNetwork(platformId, network, master, accepted, conflicts, merges, reclaimed);
            }
        }
        Set<Long> localPools = local.pools().stream().map(LocalSpace.Pool::id).collect(Collectors.toSet());
        Map<Long, LocalSpace.Network> localNetworks = new HashMap<>();
        local.networks().forEach(n -> localNetworks.put(n.id(), n));
        List<LocalSpace.Range> acceptedRanges = new ArrayList<>();
        for (LocalSpace.Range range : local.ranges()) {
            if (!mapped.ranges().containsKey(range.id())) {
                checkRange(platformId, range, localPools, localNetworks, mapped, master, acceptedRanges, conflicts,
                        reclaimed);
            }
        }
        return new StructureReport(conflicts, merges, reclaimed);
    }

    private static void checkNetwork(String platformId, LocalSpace.Network network, AddressSpace master,
                                     List<LocalSpace.Network> accepted, List<Conflict> conflicts, Map<Long, Long> merges,
                                     RowMappings.Mapped reclaimed) {
        Map<String, Object> localRow = Conflict.row("ipnet", "id", network.id(), "cidr", network.cidr());
        for (LocalSpace.Network other : accepted) {
            if (other.block().overlaps(network.block())) {
                conflicts.add(new Conflict("network_overlap", localRow, null, "Local network " + network.id() + " ("
                        + network.cidr() + ") overlaps local network " + other.id() + " (" + other.cidr() + ")."));
                return;
            }
        }
        byte[] first = AddressKey.of(network.block().getLower());
        byte[] last = AddressKey.of(network.block().getUpper());
        List<NetworkSpan> overlapping = master.networksOverlapping(first, last);
        if (overlapping.isEmpty()) {
            accepted.add(network);
            return;
        }
        NetworkSpan other = overlapping.get(0);
        if (overlapping.size() == 1 && Arrays.equals(other.first(), first) && Arrays.equals(other.last(), last)
                && Objects.equals(other.name(), network.name()) && Objects.equals(other.gateway(), network.gateway())
                && Objects.equals(other.vlan(), network.vlan())) {
            (platformId.equals(other.platformId()) ? reclaimed.networks() : merges).put(network.id(), other.ref().id());
            accepted.add(network);
            return;
        }
        boolean sameCidr = Arrays.equals(other.first(), first) && Arrays.equals(other.last(), last);
        conflicts.add(new Conflict("network_overlap", localRow, masterNetwork(other), "Local network " + network.id()
                + " (" + network.cidr() + ") " + (sameCidr ? "has the CIDR of" : "overlaps") + " master network "
                + other.ref().id() + " (" + other.cidr() + ", platform " + other.platformId() + ")"
                + (sameCidr ? " but a different name, gateway or VLAN." : ".")));
    }

    private static void checkRange(String platformId, LocalSpace.Range range, Set<Long> localPools,
                                   Map<Long, LocalSpace.Network> localNetworks, RowMappings.Mapped mapped,
                                   AddressSpace master, List<LocalSpace.Range> accepted, List<Conflict> conflicts,
                                   RowMappings.Mapped reclaimed) {
        Map<String, Object> localRow = Conflict.row("ippool_range", "id", range.id(), "start",
                range.start().toCanonicalString(), "end", range.end().toCanonicalString());
        if (!localPools.contains(range.poolId()) && !mapped.pools().containsKey(range.poolId())) {
            conflicts.add(new Conflict("unknown_row", localRow, null, "Local range " + range.id() + " (" + range.text()
                    + ") belongs to ippool " + range.poolId() + ", which the master has not received."));
            return;
        }
        byte[] start = AddressKey.of(range.start());
        byte[] end = AddressKey.of(range.end());
        Optional<String> outside = outsideItsNetwork(range, start, end, localNetworks, mapped, master);
        if (outside.isPresent()) {
            String kind = outside.get().startsWith("unknown:") ? "unknown_row" : "range_outside_network";
            conflicts.add(new Conflict(kind, localRow, null, outside.get().replaceFirst("^unknown:", "")));
            return;
        }
        for (LocalSpace.Range other : accepted) {
            if (range.start().compareTo(other.end()) <= 0 && other.start().compareTo(range.end()) <= 0) {
                conflicts.add(new Conflict("range_overlap", localRow, null, "Local range " + range.id() + " ("
                        + range.text() + ") overlaps local range " + other.id() + " (" + other.text() + ")."));
                return;
            }
        }
        List<RangeSpan> overlapping = master.rangesOverlapping(start, end);
        if (!overlapping.isEmpty() && reclaims(platformId, range, overlapping, mapped, reclaimed)) {
            accepted.add(range);
            return;
        }
        if (!overlapping.isEmpty()) {
            RangeSpan other = overlapping.get(0);
            conflicts.add(new Conflict("range_overlap", localRow, Conflict.row("ippool_range", "id", other.ref().id(),
                    "poolId", other.pool().id(), "platformId", other.platformId()), "Local range " + range.id() + " ("
                    + range.text() + ") overlaps master range " + other.ref().id() + " (" + other.text() + ", pool "
                    + other.pool().id() + ", platform " + other.platformId() + ")."));
            return;
        }
        accepted.add(range);
    }

    /**
     * Whether the range is the platform's own master range with the same bounds, in the master pool
     * its local pool is (or now becomes) mapped to; if so it is recorded as reclaimed, with its pool.
     */
    private static boolean reclaims(String platformId, LocalSpace.Range range, List<RangeSpan> overlapping,
                                    RowMappings.Mapped mapped, RowMappings.Mapped reclaimed) {
        RangeSpan other = overlapping.get(0);
        if (overlapping.size() != 1 || !platformId.equals(other.platformId())
                || !Arrays.equals(other.start(), AddressKey.of(range.start()))
                || !Arrays.equals(other.end(), AddressKey.of(range.end()))) {
            return false;
        }
        Long pool = mapped.pools().containsKey(range.poolId()) ? mapped.pools().get(range.poolId())
                : reclaimed.pools().get(range.poolId());
        if (pool == null) {
            reclaimed.pools().put(range.poolId(), other.pool().id());
        } else if (pool != other.pool().id()) {
            return false;
        }
        reclaimed.ranges().put(range.id(), other.ref().id());
        return true;
    }

    /** Why the range is not inside its network (prefixed {@code unknown:} when the network is unknown), if it is not. */
    private static Optional<String> outsideItsNetwork(LocalSpace.Range range, byte[] start, byte[] end,
                                                      Map<Long, LocalSpace.Network> localNetworks,
                                                      RowMappings.Mapped mapped, AddressSpace master) {
        String name = "Local range " + range.id() + " (" + range.text() + ")";
        if (range.networkId().isPresent()) {
            long id = range.networkId().get();
            LocalSpace.Network local = localNetworks.get(id);
            Long masterId = mapped.networks().get(id);
            if (local == null && masterId == null) {
                return Optional.of("unknown:" + name + " names ipnet " + id + ", which the master has not received.");
            }
            boolean inside = local != null
                    ? local.block().contains(range.start()) && local.block().contains(range.end())
                    : master.networks().stream().filter(n -> n.ref().id() == masterId).anyMatch(n -> n.contains(start, end));
            return inside ? Optional.empty() : Optional.of(name + " does not lie inside its network ipnet " + id + ".");
        }
        boolean inside = localNetworks.values().stream()
                .anyMatch(n -> n.block().contains(range.start()) && n.block().contains(range.end()))
                || master.networkOf(start).filter(n -> n.contains(start, end)).isPresent();
        return inside ? Optional.empty() : Optional.of(name + " does not lie inside one network.");
    }

    /**
     * Where each address lies in {@code space}: its network and the pool of the range holding it.
     * An address outside every network, a service address, or one outside the ranges of the pool
     * the platform put it in is a conflict.
     */
    AddressReport addresses(List<LocalSpace.Address> addresses, Set<Long> localPools, RowMappings.Mapped mapped,
                            AddressSpace space) {
        List<Conflict> conflicts = new ArrayList<>();
        List<Resolved> resolved = new ArrayList<>(addresses.size());
        for (LocalSpace.Address row : addresses) {
            byte[] key = AddressKey.of(row.address());
            String text = row.address().toCanonicalString();
            Map<String, Object> localRow = Conflict.row("ip", "id", row.id().orElse(null), "address", text);
            Optional<NetworkSpan> network = space.networkOf(key);
            if (network.isEmpty()) {
                conflicts.add(new Conflict("address_not_in_any_network", localRow, null,
                        "Address " + text + " lies in no network."));
                continue;
            }
            if (network.get().service().contains(ByteBuffer.wrap(key))) {
                conflicts.add(new Conflict("service_address", localRow, masterNetwork(network.get()), "Address " + text
                        + " is the network, broadcast or gateway address of " + network.get().cidr() + "."));
                continue;
            }
            Optional<RangeSpan> range = space.rangeOf(key);
            if (row.poolId().isPresent()) {
                long localPool = row.poolId().get();
                if (!localPools.contains(localPool) && !mapped.pools().containsKey(localPool)) {
                    conflicts.add(new Conflict("unknown_row", localRow, null, "Address " + text + " belongs to ippool "
                            + localPool + ", which the master has not received."));
                    continue;
                }
                Ref wanted = mapped.pool(localPool);
                if (range.isEmpty() || !range.get().pool().equals(wanted)) {
                    conflicts.add(new Conflict("address_not_in_pool", localRow, range.map(r -> Conflict.row("ippool_range",
                            "id", r.ref().id(), "poolId", r.pool().id(), "platformId", r.platformId())).orElse(null),
                            "Address " + text + " of ippool " + localPool + " lies in no range of that pool."));
                    continue;
                }
            }
            resolved.add(new Resolved(row, network.get().ref(), range.map(RangeSpan::pool)));
        }
        return new AddressReport(conflicts, resolved);
    }

    private static Map<String, Object> masterNetwork(NetworkSpan network) {
        return network.ref().local() ? null : Conflict.row("ipnet", "id", network.ref().id(), "cidr", network.cidr(),
                "platformId", network.platformId());
    }
}
