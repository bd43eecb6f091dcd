package org.ipledger.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What every client thread saw, collected for the assertions at the end. */
final class AllocationLog {

    private final Map<String, Allocation> answered = new ConcurrentHashMap<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unavailableCodes = new ConcurrentHashMap<>();
    private final AtomicInteger lostConnections = new AtomicInteger();

    void answered(Allocation allocation) {
        answered.put(allocation.requestId(), allocation);
    }

    void unavailable(int platform, String code) {
        unavailable.computeIfAbsent(platform, p -> new AtomicInteger()).incrementAndGet();
        unavailableCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    void lostConnection() {
        lostConnections.incrementAndGet();
    }

    void unexpected(String what) {
        unexpected.add(what);
    }

    int answeredCount() {
        return answered.size();
    }

    List<Allocation> allocations() {
        return new ArrayList<>(answered.values());
    }

    List<String> unexpectedAnswers() {
        return List.copyOf(unexpected);
    }

    /** How many 503 answers one platform's clients have had so far. */
    int unavailableCount(int platform) {
        AtomicInteger count = unavailable.get(platform);
        return count == null ? 0 : count.get();
    }

    /** The error codes of the 503 answers, with their counts. */
    Map<String, Integer> unavailableCodes() {
        Map<String, Integer> codes = new java.util.TreeMap<>();
        unavailableCodes.forEach((code, count) -> codes.put(code, count.get()));
        return codes;
    }

    int lostConnectionCount() {
        return lostConnections.get();
    }
}
