package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.requiredText;

/** Remove a range from a pool ({@code DELETE /api/v1/pools/{id}/ranges/{rangeId}}). */
public record RemoveRangeCommand(String requestId, String platformId, long poolId, long rangeId) implements Command {

    public RemoveRangeCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(poolId, "poolId");
        positive(rangeId, "rangeId");
    }

    @Override
    public CommandType type() {
        return CommandType.REMOVE_RANGE;
    }
}
