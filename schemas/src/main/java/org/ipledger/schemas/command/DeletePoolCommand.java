package org.ipledger.schemas.command;

import static org.ipledger.schemas.command.CommandFields.positive;
import static org.ipledger.schemas.command.CommandFields.required;

/** Delete a pool ({@code DELETE /api/v1/pools/{id}}). */
public record DeletePoolCommand(String requestId, String platformId, long poolId) implements Command {

    public DeletePoolCommand {
        required(requestId, "requestId");
        required(platformId, "platformId");
        positive(poolId, "poolId");
    }

    @Override
    public CommandType type() {
        return CommandType.DELETE_POOL;
    }
}
