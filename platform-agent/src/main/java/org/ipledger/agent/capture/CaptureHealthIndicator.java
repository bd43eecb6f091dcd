package org.ipledger.agent.capture;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code capture}: whether the binlog is followed, or why
 * capture waits to start (the master's Kafka unreachable when the agent started). The agent
 * serves reads meanwhile and capture catches up from its offsets, so it stays UP and says so.
 * DOWN once capture has failed for good (its binlog purged): the platform's local writes no longer
 * reach the master until the operator does what {@code failed} says.
 */
@Component
class CaptureHealthIndicator implements HealthIndicator {

    private final ChangeCapture capture;

    CaptureHealthIndicator(ChangeCapture capture) {
        this.capture = capture;
    }

    @Override
    public Health health() {
        CaptureStatus status = capture.status();
        Health.Builder health = (status.failed().isPresent() ? Health.down() : Health.up())
                .withDetail("running", status.running()).withDetail("held", status.held())
                .withDetail("rejections", status.rejections());
        status.waiting().ifPresent(reason -> health.withDetail("waiting", reason));
        status.failed().ifPresent(reason -> health.withDetail("failed", reason));
        return health.build();
    }
}
