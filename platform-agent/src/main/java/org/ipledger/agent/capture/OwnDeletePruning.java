package org.ipledger.agent.capture;

import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the agent's own deletes once capture has handled them, so the record stays small
 * however long the agent runs. It prunes up to where capture stood a minute earlier: Debezium
 * stores its offsets every 100 ms, so a restart never reads those deletes again.
 */
@Component
class OwnDeletePruning {

    private final OwnDeletes ownDeletes;
    private final ChangeCapture capture;
    private long handledAMinuteAgo;

    OwnDeletePruning(OwnDeletes ownDeletes, ChangeCapture capture) {
        this.ownDeletes = ownDeletes;
        this.capture = capture;
    }

    @Scheduled(fixedDelay = 60, initialDelay = 60, timeUnit = TimeUnit.SECONDS)
    void prune() {
        ownDeletes.prune(handledAMinuteAgo);
        handledAMinuteAgo = capture.handledThrough();
    }
}
