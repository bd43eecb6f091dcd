package org.ipledger.e2e.faults;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Every request of a run as its client saw it, on one clock: milliseconds since the run began. */
final class History {

    private final long startedAt = System.nanoTime();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();

    long now() {
        return (System.nanoTime() - startedAt) / 1_000_000;
    }

    void add(Request request) {
        requests.add(request);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }
}
