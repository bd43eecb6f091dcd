package org.ipledger.master.allocation;

import java.math.BigInteger;
import java.util.OptionalLong;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;

/**
 * The address space of one pool range: its bounds, its used offsets and its service addresses
 * (network, broadcast, gateway), which are used but never stored and never released.
 */
final class RangeSpace {

    private final long rangeId;
    private final long networkId;
    private final int family;
    private final IPAddress start;
    private final IPAddress end;
    private final BigInteger startValue;
    private final BigInteger endValue;
    private final long lastOffset;
    private final UsedOffsets used = new UsedOffsets();
    private final UsedOffsets service = new UsedOffsets();
    /** Every offset below the hint is used: allocation starts its search there. */
    private long hint;

    RangeSpace(long rangeId, long networkId, IPAddress start, IPAddress end) {
        this.rangeId = rangeId;
        this.networkId = networkId;
        this.family = AddressKey.family(start);
        this.start = start;
        this.end = end;
        this.startValue = AddressKey.value(start);
        this.endValue = AddressKey.value(end);
        this.lastOffset = endValue.subtract(startValue).longValue();
    }

    long rangeId() {
        return rangeId;
    }

    long networkId() {
        return networkId;
    }

    IPAddress start() {
        return start;
    }

    IPAddress end() {
        return end;
    }

    boolean contains(IPAddress address) {
        return address.isIPv4() == start.isIPv4()
                && start.compareTo(address) <= 0 && address.compareTo(end) <= 0;
    }

    long offsetOf(IPAddress address) {
        return AddressKey.value(address).subtract(startValue).longValue();
    }

    IPAddress addressAt(long offset) {
        BigInteger value = startValue.add(new BigInteger(Long.toUnsignedString(offset)));
        return AddressKey.fromValue(family, value);
    }

    void markService(IPAddress address) {
        if (contains(address)) {
            long offset = offsetOf(address);
            service.add(offset);
            used.add(offset);
        }
    }

    boolean isService(IPAddress address) {
        return contains(address) && service.contains(offsetOf(address));
    }

    boolean isUsed(IPAddress address) {
        return used.contains(offsetOf(address));
    }

    void markUsed(IPAddress address) {
        used.add(offsetOf(address));
    }

    /** Frees an address; a service address stays used whatever is released. */
    void markFree(IPAddress address) {
        long offset = offsetOf(address);
        if (service.contains(offset)) {
            return;
        }
        used.remove(offset);
        if (Long.compareUnsigned(offset, hint) < 0) {
            hint = offset;
        }
    }

    /** The lowest free address of the range, or null when the range is full. */
    IPAddress lowestFree() {
        OptionalLong offset = used.nextFree(hint, lastOffset);
        if (offset.isEmpty()) {
            return null;
        }
        hint = offset.getAsLong();
        return addressAt(hint);
    }

    void optimize() {
        used.optimize();
    }

    long usedCount() {
        return used.cardinality() - service.cardinality();
    }

    /**
     * How many stored addresses of this range lie in {@code [from, to]} (address values, clipped
     * to the range): used offsets counted by rank, service addresses left out.
     */
    long storedBetween(BigInteger from, BigInteger to) {
        BigInteger low = from.max(startValue);
        BigInteger high = to.min(endValue);
        if (low.compareTo(high) > 0) {
            return 0;
        }
        long first = low.subtract(startValue).longValue();
        long last = high.subtract(startValue).longValue();
        return used.count(first, last) - service.count(first, last);
    }

    long sizeInBytes() {
        return used.sizeInBytes() + service.sizeInBytes();
    }
}
