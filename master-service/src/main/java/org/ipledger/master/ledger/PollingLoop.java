package org.ipledger.master.ledger;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background thread that runs passes when woken, or every poll interval for work committed by
 * other instances, and keeps going while a pass fills its batch. It stops after the Kafka
 * listeners and the allocation workers, so their last commits still get through.
 */
abstract class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration pollInterval;
    private final int batchSize;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread thread;

    /** @param batchSize the most a pass takes; a pass that takes that many is followed at once by another */
    PollingLoop(String name, Duration pollInterval, int batchSize) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    /**
     * Runs one pass of at most the batch size; returns how much it took. A pass that took less
     * has taken everything there was when it started: what is committed later wakes the loop
     * again, or the poll interval finds it.
     */
    abstract int pass();

    /** Asks for a pass now. */
    void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                // Not until a pass finds nothing: under load that empty pass was every other
                // one, a locking transaction each, as many as the pool transactions themselves.
                while (pass() == batchSize) {
                    // A backlog: go on at once.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("{} pass failed, retrying: {}", name, e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    @Override
    public void start() {
        Thread started = new Thread(this::run, name);
        started.setDaemon(true);
        started.start();
        thread = started;
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
