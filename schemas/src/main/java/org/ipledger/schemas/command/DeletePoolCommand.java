package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.requiredText;

/** Delete a pool ({@code DELETE /api/v1/pools/{id}}). */
public record DeletePoolCommand(String requestId, String platformId, long poolId) implements Command {

    public DeletePoolCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(poolId, "poolId");
    }

    @Override
    public CommandType type() {
        return CommandType.DELETE_POOL;
    }
}
