package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent's report of how far its replica has applied the ledger, so the master can show the
 * platform's lag. Not idempotency-logged and not answered: a later report supersedes an earlier one.
 *
 * @param eventId unique per report
 * @param appliedSeq the highest ledger {@code seq} the platform's replica has applied, 0 for none
 * @param reportedAt when the agent made the report
 * @param state the agent's integration state ({@code migrating}, {@code active}, {@code draining}), if given
 */
public record PlatformStatus(String eventId, String platformId, long appliedSeq, Instant reportedAt,
        Optional<String> state) implements ChangesMessage {

    public PlatformStatus {
        required(eventId, "eventId");
        required(platformId, "platformId");
        if (appliedSeq < 0) {
            throw new IllegalArgumentException("appliedSeq is at least 0, was " + appliedSeq);
        }
        required(reportedAt, "reportedAt");
        state = optional(state);
    }
}
