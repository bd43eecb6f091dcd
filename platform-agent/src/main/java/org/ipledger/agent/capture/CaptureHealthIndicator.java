package org.ipledger.agent.capture;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code capture}: whether the binlog is followed, or why
 * capture waits to start (the master's Kafka unreachable when the agent started). The agent
 * serves reads meanwhile and capture catches up from its offsets, so it stays UP and says so.
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
        Health.Builder health = Health.up().withDetail("running", status.running()).withDetail("held", status.held())
                .withDetail("rejections", status.rejections());
        status.waiting().ifPresent(reason -> health.withDetail("waiting", reason));
        return health.build();
    }
}
