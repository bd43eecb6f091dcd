package org.ipledger.agent.replica;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code replica}: the applied seq and lag, and whether the
 * replica is stale (reloading the master's snapshot after a ledger record it could not read).
 * Reads still answer from the stale replica meanwhile, so it stays UP and says so in its details.
 */
@Component
class ReplicaHealthIndicator implements HealthIndicator {

    private final Replica replica;

    ReplicaHealthIndicator(Replica replica) {
        this.replica = replica;
    }

    @Override
    public Health health() {
        ReplicaStaleness staleness = replica.staleness();
        Health.Builder health = Health.up().withDetail("appliedSeq", replica.appliedSeq()).withDetail("lag", replica.lag())
                .withDetail("stale", staleness.stale().isPresent())
                .withDetail("unreadableRecords", staleness.unreadableRecords());
        staleness.last().ifPresent(last -> health.withDetail("lastUnreadable", last.reason())
                .withDetail("lastUnreadableAt", last.since().toString()));
        return health.build();
    }
}
