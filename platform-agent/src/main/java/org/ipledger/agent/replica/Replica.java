package org.ipledger.agent.replica;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.ipledger.agent.integration.IntegrationChanged;
import org.ipledger.agent.integration.IntegrationState;
import org.ipledger.agent.integration.MasterLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This platform's replica of the master's ledger (DESIGN.md flow 6): a snapshot, then the ledger
 * topic applied by {@code seq}, kept in the agent's state database so that it survives restarts
 * and answers reads while the master is unreachable. It runs while the platform is joined
 * (MIGRATING, ACTIVE, DRAINING), pauses in CONNECTING and FAILED, and is cleared when the
 * platform is UNCONFIGURED.
 */
@Component
public class Replica {

    private static final Logger log = LoggerFactory.getLogger(Replica.class);

    private final ReplicaStore store;
    private final MasterSnapshot snapshot;
    private final TransactionTemplate transaction;
    private final ReplicaProgress progress = new ReplicaProgress();
    private final Timer delay;
    private final Counter snapshots;
    private final ReplicaStaleness staleness;

    private MasterLink link;
    private LedgerTail tail;
    private Thread thread;

    Replica(ReplicaStore store, MasterSnapshot snapshot, TransactionTemplate transaction, MeterRegistry meters) {
        this.store = store;
        this.snapshot = snapshot;
        this.transaction = transaction;
        progress.reset(store.position().appliedSeq());
        this.delay = Timer.builder("ipledger.replica.delay").description("master commit to applied on this replica")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.snapshots = Counter.builder("ipledger.replica.snapshots").description("snapshots loaded").register(meters);
        this.staleness = new ReplicaStaleness(meters);
        Gauge.builder("ipledger.replica.lag", progress, ReplicaProgress::lag)
                .description("ledger records not yet applied").baseUnit("records").register(meters);
        Gauge.builder("ipledger.replica.applied.seq", progress, ReplicaProgress::appliedSeq)
                .description("last ledger seq applied").register(meters);
    }

    /** The last ledger {@code seq} whose effect reads now see. */
    public long appliedSeq() {
        return progress.appliedSeq();
    }

    /** Whether the replica holds a loaded snapshot of the current master (it may still be catching up). */
    public boolean isLoaded() {
        ReplicaPosition position = store.position();
        MasterLink current = currentLink();
        return position.loaded() && (current == null || position.belongsTo(current.masterUrl(), current.platformId()));
    }

    /** Whether the replica is stale after an unreadable ledger record, and how many there were. */
    ReplicaStaleness staleness() {
        return staleness;
    }

    /** Whether the tail is running. */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Ledger records on the topic not yet applied, as of the last poll. */
    public long lag() {
        return progress.lag();
    }

    /**
     * Waits until reads see the ledger up to {@code seq}.
     *
     * @return false if the timeout passed first (or the thread was interrupted)
     */
    public boolean awaitSeq(long seq, Duration timeout) {
        return progress.awaitSeq(seq, timeout);
    }

    /**
     * Waits until reads see an effect of the command with this request id: read-your-writes after
     * a command's reply. Only entries applied from the ledger topic since the replica's last
     * snapshot or start are known, the last 10,000 requests of them.
     *
     * @return false if the timeout passed first (or the thread was interrupted)
     */
    public boolean awaitRequest(String requestId, Duration timeout) {
        return progress.awaitRequest(requestId, timeout);
    }

    /** The platform whose replica this is: the running link's, or the stored one's after a restart. */
    public Optional<String> platformId() {
        MasterLink current = currentLink();
        return current != null ? Optional.of(current.platformId()) : store.position().platformId();
    }

    /**
     * Starts following the master; keeps the stored replica if it is of the same master and
     * platform, clears it otherwise. Starting again with the same link changes nothing.
     */
    public synchronized void start(MasterLink newLink) {
        if (isRunning() && newLink.equals(link)) {
            return;
        }
        stop();
        ReplicaPosition position = store.position();
        if (position.loaded() && !position.belongsTo(newLink.masterUrl(), newLink.platformId())) {
            log.info("replica: the stored replica is of another master or platform; clearing it");
            clear();
        }
        link = newLink;
        tail = new LedgerTail(newLink, store, snapshot, transaction, progress, delay, snapshots, staleness);
        thread = new Thread(tail, "ledger-replica");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops following the master; the replica stays and keeps answering reads. */
    public synchronized void stop() {
        if (tail == null) {
            return;
        }
        tail.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tail = null;
        thread = null;
    }

    /** Stops and forgets the replica: the platform has left its master. */
    public synchronized void clear() {
        stop();
        link = null;
        transaction.executeWithoutResult(status -> store.clear());
        progress.reset(0);
    }

    @EventListener
    void integrationChanged(IntegrationChanged change) {
        IntegrationState state = change.current().state();
        if (state.joined()) {
            change.link().ifPresent(this::start);
        } else if (state == IntegrationState.UNCONFIGURED) {
            clear();
        } else {
            stop();
        }
    }

    @PreDestroy
    void close() {
        stop();
    }

    private synchronized MasterLink currentLink() {
        return link;
    }
}
