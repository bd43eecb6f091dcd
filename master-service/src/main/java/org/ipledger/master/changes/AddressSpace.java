package org.ipledger.master.changes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;

/**
 * Networks and ranges as spans sorted by their first address key, so that the network, range and
 * pool of each of a million addresses is a binary search rather than a query. A span is the
 * master's row, or, in preflight, a platform's row that is not on the master yet.
 */
final class AddressSpace {

    /** A master row ({@code local} false) or a platform's local row not yet on the master. */
    record Ref(boolean local, long id) {

        static Ref master(long id) {
            return new Ref(false, id);
        }

        static Ref local(long id) {
            return new Ref(true, id);
        }
    }

    record NetworkSpan(byte[] first, byte[] last, Ref ref, IPAddress block, String name, String gateway, Integer vlan,
                       String platformId, Set<ByteBuffer> service) {

        static NetworkSpan of(Ref ref, IPAddress block, String name, String gateway, Integer vlan, String platformId) {
            Set<ByteBuffer> service = ServiceAddresses.of(block, gateway).stream()
                    .map(a -> ByteBuffer.wrap(AddressKey.of(a))).collect(Collectors.toSet());
            return new NetworkSpan(AddressKey.of(block.getLower()), AddressKey.of(block.getUpper()), ref, block, name,
                    gateway, vlan, platformId, service);
        }

        String cidr() {
            return block.toCanonicalString();
        }

        boolean contains(byte[] first, byte[] last) {
            return Arrays.compareUnsigned(this.first, first) <= 0 && Arrays.compareUnsigned(last, this.last) <= 0;
        }
    }

    record RangeSpan(byte[] start, byte[] end, Ref ref, Ref pool, Ref network, String text, String platformId) {
    }

    private final List<NetworkSpan> networks;
    private final List<RangeSpan> ranges;

    AddressSpace(List<NetworkSpan> networks, List<RangeSpan> ranges) {
        this.networks = sorted(networks, NetworkSpan::first);
        this.ranges = sorted(ranges, RangeSpan::start);
    }

    List<NetworkSpan> networks() {
        return networks;
    }

    /** A space with more spans, e.g. the platform's rows that preflight pretends are applied. */
    AddressSpace plus(List<NetworkSpan> moreNetworks, List<RangeSpan> moreRanges) {
        List<NetworkSpan> allNetworks = new ArrayList<>(networks);
        allNetworks.addAll(moreNetworks);
        List<RangeSpan> allRanges = new ArrayList<>(ranges);
        allRanges.addAll(moreRanges);
        return new AddressSpace(allNetworks, allRanges);
    }

    Optional<NetworkSpan> networkOf(byte[] key) {
        return Optional.ofNullable(last(networks, NetworkSpan::first, key))
                .filter(n -> Arrays.compareUnsigned(key, n.last()) <= 0);
    }

    Optional<RangeSpan> rangeOf(byte[] key) {
        return Optional.ofNullable(last(ranges, RangeSpan::start, key))
                .filter(r -> Arrays.compareUnsigned(key, r.end()) <= 0);
    }

    List<NetworkSpan> networksOverlapping(byte[] first, byte[] last) {
        return networks.stream().filter(n -> overlaps(n.first(), n.last(), first, last)).toList();
    }

    List<RangeSpan> rangesOverlapping(byte[] start, byte[] end) {
        return ranges.stream().filter(r -> overlaps(r.start(), r.end(), start, end)).toList();
    }

    private static boolean overlaps(byte[] aFirst, byte[] aLast, byte[] bFirst, byte[] bLast) {
        return Arrays.compareUnsigned(aFirst, bLast) <= 0 && Arrays.compareUnsigned(bFirst, aLast) <= 0;
    }

    /** The last span starting at or before the key. */
    private static <S> S last(List<S> spans, Function<S, byte[]> startOf, byte[] key) {
        int low = 0;
        int high = spans.size() - 1;
        S candidate = null;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (Arrays.compareUnsigned(startOf.apply(spans.get(middle)), key) <= 0) {
                candidate = spans.get(middle);
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return candidate;
    }

    private static <S> List<S> sorted(List<S> spans, Function<S, byte[]> startOf) {
        List<S> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(startOf, Arrays::compareUnsigned));
        return List.copyOf(sorted);
    }
}
