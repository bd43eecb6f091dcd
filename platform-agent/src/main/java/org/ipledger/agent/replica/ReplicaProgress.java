package org.ipledger.agent.replica;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The applied {@code seq} as readers may rely on it (updated after each commit), the request ids
 * of recently applied entries, and the waits on either: what read-your-writes needs.
 */
final class ReplicaProgress {

    /** Enough for the writes in flight of one agent; an older request is answered by its seq. */
    private static final int REMEMBERED_REQUESTS = 10_000;

    private long appliedSeq;
    private long lag;
    private final Map<String, Long> requests = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    };

    synchronized long appliedSeq() {
        return appliedSeq;
    }

    synchronized long lag() {
        return lag;
    }

    synchronized void lag(long records) {
        lag = records;
    }

    /** After a commit of entries up to {@code seq}, some of them made by {@code requestIds}. */
    synchronized void applied(long seq, Collection<String> requestIds) {
        appliedSeq = seq;
        requestIds.forEach(id -> requests.put(id, seq));
        notifyAll();
    }

    /** After a snapshot or a clear: the replica is now at {@code seq}, whatever it was before. */
    synchronized void reset(long seq) {
        appliedSeq = seq;
        requests.clear();
        notifyAll();
    }

    synchronized boolean awaitSeq(long seq, Duration timeout) {
        return await(timeout, () -> appliedSeq >= seq);
    }

    synchronized boolean awaitRequest(String requestId, Duration timeout) {
        return await(timeout, () -> requests.containsKey(requestId));
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier reached) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
