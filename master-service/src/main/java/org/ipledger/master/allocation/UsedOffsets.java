package org.ipledger.master.allocation;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.roaringbitmap.RoaringBitmap;

/**
 * The used offsets of one range, as unsigned 64-bit numbers, in compressed bitmaps keyed by their
 * high 32 bits. Contiguous allocations compress to runs and scattered ones to sorted arrays, so a
 * /8 with ten million allocations or a /64 with a million costs a few megabytes, and the lowest
 * free offset is found without enumerating anything. Public so that the benchmarks measure its
 * memory and lookup cost on their own, outside a pool.
 */
public final class UsedOffsets {

    private static final long LOW_MASK = 0xFFFF_FFFFL;

    private final TreeMap<Integer, RoaringBitmap> blocks = new TreeMap<>(Integer::compareUnsigned);

    public void add(long offset) {
        blocks.computeIfAbsent(high(offset), h -> new RoaringBitmap()).add((int) offset);
    }

    void remove(long offset) {
        RoaringBitmap block = blocks.get(high(offset));
        if (block != null) {
            block.remove((int) offset);
        }
    }

    boolean contains(long offset) {
        RoaringBitmap block = blocks.get(high(offset));
        return block != null && block.contains((int) offset);
    }

    /**
     * The lowest offset in {@code [from, last]} (unsigned) that is not used. Visits one bitmap per
     * 2^32 offsets at most, so it never scans addresses.
     */
    public OptionalLong nextFree(long from, long last) {
        long candidate = from;
        while (Long.compareUnsigned(candidate, last) <= 0) {
            int high = high(candidate);
            RoaringBitmap block = blocks.get(high);
            if (block == null) {
                return OptionalLong.of(candidate);
            }
            long low = block.nextAbsentValue((int) candidate);
            if (low >= 0) {
                long found = ((long) high << 32) | low;
                return Long.compareUnsigned(found, last) <= 0 ? OptionalLong.of(found) : OptionalLong.empty();
            }
            if (high == -1) {
                return OptionalLong.empty();
            }
            candidate = ((high & LOW_MASK) + 1) << 32;
        }
        return OptionalLong.empty();
    }

    /**
     * How many offsets in {@code [from, to]} (unsigned, inclusive) are used: a rank difference in
     * each bitmap the interval touches, so it costs the same for ten used offsets or ten million.
     */
    public long count(long from, long to) {
        long total = 0;
        int first = high(from);
        int last = high(to);
        for (Map.Entry<Integer, RoaringBitmap> block : blocks.subMap(first, true, last, true).entrySet()) {
            int high = block.getKey();
            long low = high == first ? from & LOW_MASK : 0;
            long top = high == last ? to & LOW_MASK : LOW_MASK;
            total += block.getValue().rangeCardinality(low, top + 1);
        }
        return total;
    }

    /** Compacts runs after a bulk load. */
    public void optimize() {
        blocks.values().forEach(RoaringBitmap::runOptimize);
    }

    public long cardinality() {
        return blocks.values().stream().mapToLong(RoaringBitmap::getLongCardinality).sum();
    }

    /** Heap used: the bitmaps plus an estimate of 64 bytes of map entry and headers per block. */
    public long sizeInBytes() {
        return blocks.size() * 64L + blocks.values().stream().mapToLong(RoaringBitmap::getLongSizeInBytes).sum();
    }

    private static int high(long offset) {
        return (int) (offset >>> 32);
    }
}
