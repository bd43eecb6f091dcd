package org.ipledger.agent.replica;

import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether the replica is stale because the ledger held a record this agent could not read, and
 * how often that happened: the replica then reloads the master's snapshot instead of applying
 * the record or reading it again. Shown in the health ({@link ReplicaHealthIndicator}) and the metrics.
 */
final class ReplicaStaleness {

    /** Why and since when the replica is stale. */
    record Stale(String reason, Instant since) {
    }

    private final Counter unreadable;
    private volatile Stale stale;
    private volatile Stale last;

    ReplicaStaleness(MeterRegistry meters) {
        this.unreadable = Counter.builder("ipledger.replica.unreadable.records")
                .description("ledger records this agent could not read and never applied").register(meters);
        Gauge.builder("ipledger.replica.stale", this, s -> s.stale == null ? 0 : 1)
                .description("1 while the replica reloads the master's snapshot after an unreadable ledger record")
                .register(meters);
    }

    /** An unreadable record: the replica is stale until the snapshot is in. */
    void unreadable(String reason) {
        unreadable.increment();
        stale = new Stale(reason, Instant.now());
        last = stale;
    }

    /** The snapshot is in: the replica is current again, as far as the ledger goes. */
    void reloaded() {
        stale = null;
    }

    Optional<Stale> stale() {
        return Optional.ofNullable(stale);
    }

    /** The last unreadable record's reason, even once reloaded. */
    Optional<Stale> last() {
        return Optional.ofNullable(last);
    }

    long unreadableRecords() {
        return (long) unreadable.count();
    }
}
