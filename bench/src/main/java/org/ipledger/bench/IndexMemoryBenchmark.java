package org.ipledger.bench;

import java.util.SplittableRandom;

import org.ipledger.master.allocation.UsedOffsets;

/**
 * Memory of the free-space index per million used addresses, contiguous and scattered, and the
 * cost of a lowest-free lookup with no search hint (the worst case: from the start of the range).
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.IndexMemoryBenchmark}
 */
public final class IndexMemoryBenchmark {

    private static final int MILLION = 1_000_000;

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        report("contiguous, 1M in a /8", fill(i -> i, MILLION), 1L << 24);
        report("contiguous, 10M in a /8", fill(i -> i, 10 * MILLION), 1L << 24);
        report("scattered, 1M random in a /8", fill(i -> random.nextLong(1L << 24), MILLION), 1L << 24);
        report("scattered, 1M random in a /64", fill(i -> random.nextLong(), MILLION), -1L);
        report("scattered, 1M random in the low 2^40 of a /64", fill(i -> random.nextLong(1L << 40), MILLION), -1L);
    }

    private static UsedOffsets fill(java.util.function.LongUnaryOperator offsetOf, int count) {
        UsedOffsets used = new UsedOffsets();
        for (long i = 0; i < count; i++) {
            used.add(offsetOf.applyAsLong(i));
        }
        used.optimize();
        return used;
    }

    private static void report(String label, UsedOffsets used, long last) {
        Percentiles lookups = new Percentiles(10_000);
        for (int i = 0; i < 10_000; i++) {
            long start = System.nanoTime();
            used.nextFree(0, last);
            lookups.add(System.nanoTime() - start);
        }
        double perMillion = used.sizeInBytes() / (used.cardinality() / (double) MILLION);
        System.out.printf("index %-48s used=%,d bytes=%,d per-million=%,.0f B; cold lookup from offset 0: %s%n",
                label, used.cardinality(), used.sizeInBytes(), perMillion, lookups.summary("us"));
    }
}
