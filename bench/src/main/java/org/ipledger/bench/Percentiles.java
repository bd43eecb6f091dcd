package org.ipledger.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and the figures the benchmarks print. */
public final class Percentiles {

    private final long[] samples;
    private int size;

    public Percentiles(int capacity) {
        this.samples = new long[capacity];
    }

    public synchronized void add(long nanos) {
        samples[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    public synchronized String summary(String unit) {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        double scale = unit.equals("us") ? 1_000.0 : 1_000_000.0;
        return String.format("n=%d median=%.1f %s p99=%.1f %s max=%.1f %s", size, at(sorted, 0.50) / scale, unit,
                at(sorted, 0.99) / scale, unit, sorted.length == 0 ? 0 : sorted[sorted.length - 1] / scale, unit);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
