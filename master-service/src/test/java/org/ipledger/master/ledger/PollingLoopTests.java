package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingLoopTests {

    /** Never polls by itself during a test, so every pass after the first is a backlog or a wake-up. */
    private static final Duration NO_POLL = Duration.ofHours(1);

    private static final int BATCH_SIZE = 10;

    private final CountingLoop loop = new CountingLoop();

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void aPassThatFillsItsBatchIsFollowedAtOnceByAnother() {
        loop.fullBatches.set(3);
        loop.start();
        loop.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() == 4);
    }

    @Test
    void aPassThatTookLessThanItsBatchWaitsForTheNextWakeUp() {
        loop.start();
        loop.wakeUp();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() == 1);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> loop.passes.get() == 1);
        loop.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() == 2);
    }

    @Test
    void aWakeUpDuringAPassRunsAnotherPass() {
        loop.wakeUpDuringFirstPass = true;
        loop.start();
        loop.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> loop.passes.get() == 2);
        assertThat(loop.fullBatches.get()).isZero();
    }

    private static final class CountingLoop extends PollingLoop {

        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger fullBatches = new AtomicInteger();
        volatile boolean wakeUpDuringFirstPass;

        CountingLoop() {
            super("counting-loop", NO_POLL, BATCH_SIZE);
        }

        @Override
        int pass() {
            if (passes.incrementAndGet() == 1 && wakeUpDuringFirstPass) {
                wakeUp();
            }
            return fullBatches.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? BATCH_SIZE : BATCH_SIZE - 1;
        }
    }
}
