package org.ipledger.master.allocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;

/**
 * The free space of one pool: its ranges in address order, each with its used offsets. It answers
 * "the lowest free address" in microseconds on any size of range without listing free addresses.
 * It is a cache of the database, stamped with the pool's {@code version} and
 * {@code ranges_version}; callers hold the pool's lock while they use or change it.
 */
public final class FreeSpaceIndex {

    private final long poolId;
    /** The ranges in database key order, which sorts both address families in one order. */
    private final List<RangeSpace> ranges;
    private final byte[][] starts;
    private final long rangesVersion;
    private long version;

    FreeSpaceIndex(long poolId, List<RangeSpace> ranges, long version, long rangesVersion) {
        this.poolId = poolId;
        this.ranges = new ArrayList<>(ranges);
        this.ranges.sort(Comparator.comparing(range -> AddressKey.of(range.start()), Arrays::compareUnsigned));
        this.starts = this.ranges.stream().map(range -> AddressKey.of(range.start())).toArray(byte[][]::new);
        this.version = version;
        this.rangesVersion = rangesVersion;
    }

    public long poolId() {
        return poolId;
    }

    long version() {
        return version;
    }

    void version(long version) {
        this.version = version;
    }

    long rangesVersion() {
        return rangesVersion;
    }

    /** The lowest free address of the pool, or empty when every range is full. */
    Optional<Slot> lowestFree() {
        for (RangeSpace range : ranges) {
            IPAddress free = range.lowestFree();
            if (free != null) {
                return Optional.of(new Slot(free, range));
            }
        }
        return Optional.empty();
    }

    /** The lowest free address alone, for callers outside the allocation engine. */
    public Optional<IPAddress> lowestFreeAddress() {
        return lowestFree().map(Slot::address);
    }

    /** The range of this pool that holds the address, if any: the last one starting at or before it. */
    Optional<RangeSpace> rangeOf(IPAddress address) {
        byte[] key = AddressKey.of(address);
        int low = 0;
        int high = starts.length - 1;
        int candidate = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (Arrays.compareUnsigned(starts[middle], key) <= 0) {
                candidate = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return candidate >= 0 && ranges.get(candidate).contains(address)
                ? Optional.of(ranges.get(candidate)) : Optional.empty();
    }

    /** Applies a committed change read from the pool's journal. */
    void apply(IPAddress address, boolean used) {
        rangeOf(address).ifPresent(range -> {
            if (used) {
                range.markUsed(address);
            } else {
                range.markFree(address);
            }
        });
    }

    /** Addresses in use, service addresses excluded. */
    public long usedCount() {
        return ranges.stream().mapToLong(RangeSpace::usedCount).sum();
    }

    /**
     * The stored addresses of this pool's ranges in one network, per block: {@code blocks}
     * consecutive blocks of {@code 2^blockBits} addresses from the value {@code first}. Counted
     * by rank in the bitmaps, so free addresses are never visited.
     */
    long[] storedPerBlock(long networkId, BigInteger first, int blockBits, int blocks) {
        long[] counts = new long[blocks];
        BigInteger size = BigInteger.ONE.shiftLeft(blockBits);
        BigInteger last = first.add(size.multiply(BigInteger.valueOf(blocks))).subtract(BigInteger.ONE);
        for (RangeSpace range : ranges) {
            BigInteger from = AddressKey.value(range.start()).max(first);
            BigInteger to = AddressKey.value(range.end()).min(last);
            if (range.networkId() != networkId || from.compareTo(to) > 0) {
                continue;
            }
            int firstBlock = from.subtract(first).shiftRight(blockBits).intValueExact();
            int lastBlock = to.subtract(first).shiftRight(blockBits).intValueExact();
            for (int block = firstBlock; block <= lastBlock; block++) {
                BigInteger blockStart = first.add(size.multiply(BigInteger.valueOf(block)));
                counts[block] += range.storedBetween(blockStart, blockStart.add(size).subtract(BigInteger.ONE));
            }
        }
        return counts;
    }

    /** Heap used by the bitmaps of this index. */
    public long sizeInBytes() {
        return ranges.stream().mapToLong(RangeSpace::sizeInBytes).sum();
    }

    /** A free address and the range it lies in. */
    record Slot(IPAddress address, RangeSpace range) {
    }
}
