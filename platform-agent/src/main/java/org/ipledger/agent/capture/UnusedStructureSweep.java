package org.ipledger.agent.capture;

import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes, while capture forwards the platform's changes, the confirmed networks and pools that
 * have waited unused long enough: also when the platform writes nothing more for capture to
 * confirm.
 */
@Component
class UnusedStructureSweep {

    private final LocalRowRemoval removal;
    private final ChangeCapture capture;

    UnusedStructureSweep(LocalRowRemoval removal, ChangeCapture capture) {
        this.removal = removal;
        this.capture = capture;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.SECONDS)
    void sweep() {
        if (capture.forwarding()) {
            removal.sweepPending();
        }
    }
}
