package org.ipledger.master.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outbox entries their ledger sequence numbers: gap-free from 1, in outbox id
 * order. An id that is missing is a transaction between its insert and its commit, or one that
 * rolled back: numbering waits for it, for at most {@code ipledger.ledger.hole-timeout}, then goes
 * on without it. The position row is locked per pass, so any number of master instances may run
 * a sequencer and each entry is numbered once.
 */
@Component
public class LedgerSequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerSequencer.class);

    private final LedgerPositions positions;
    private final TransactionTemplate transaction;
    private final LedgerProperties properties;
    private final LedgerPublisher publisher;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Missing outbox ids and when this instance first saw them missing. */
    private final Map<Long, Long> holes = new HashMap<>();
    private volatile Thread thread;

    LedgerSequencer(LedgerPositions positions, PlatformTransactionManager transactions, LedgerProperties properties,
                    LedgerPublisher publisher) {
        this.positions = positions;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.publisher = publisher;
    }

    /** Asks for a pass now: a transaction with ledger entries has just committed. */
    void wakeUp() {
        wakeUps.release();
    }

    /** Numbers what is ready now; returns how many entries it numbered. */
    public int sequenceOnce() {
        Integer numbered = transaction.execute(status -> {
            LedgerPositions.Position position = positions.lockPosition();
            List<Long> ids = positions.unnumberedIdsAfter(position.lastOutboxId(), properties.batchSize());
            List<Long> ready = new ArrayList<>();
            long expected = position.lastOutboxId() + 1;
            for (long id : ids) {
                if (id != expected && !holeTimedOut(expected, id)) {
                    break;
                }
                ready.add(id);
                expected = id + 1;
            }
            if (!ready.isEmpty()) {
                long last = ready.get(ready.size() - 1);
                positions.number(ready, position.lastSeq() + 1);
                positions.advance(last, position.lastSeq() + ready.size());
                holes.keySet().removeIf(id -> id <= last);
            }
            return ready.size();
        });
        if (numbered != null && numbered > 0) {
            publisher.wakeUp();
        }
        return numbered == null ? 0 : numbered;
    }

    /** True when every id in {@code [from, to)} has been missing for longer than the hole timeout. */
    private boolean holeTimedOut(long from, long to) {
        long now = System.nanoTime();
        long timeout = properties.holeTimeout().toNanos();
        boolean expired = true;
        for (long id = from; id < to; id++) {
            long since = holes.computeIfAbsent(id, missing -> now);
            expired &= now - since >= timeout;
        }
        if (expired) {
            for (long id = from; id < to; id++) {
                holes.remove(id);
            }
            log.warn("ledger: outbox ids {}..{} never committed within {}; numbering goes on without them", from, to - 1,
                    properties.holeTimeout());
        }
        return expired;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                while (sequenceOnce() > 0) {
                    // Keep going while there is a backlog.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("ledger sequencer pass failed, retrying: {}", e.getMessage());
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "ledger-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the listeners and the allocation workers, so their last commits are numbered and sent. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    @Override
    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
