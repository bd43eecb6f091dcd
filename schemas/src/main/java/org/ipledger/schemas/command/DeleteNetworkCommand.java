package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.requiredText;

/** Delete a network ({@code DELETE /api/v1/networks/{id}}). */
public record DeleteNetworkCommand(String requestId, String platformId, long networkId) implements Command {

    public DeleteNetworkCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(networkId, "networkId");
    }

    @Override
    public CommandType type() {
        return CommandType.DELETE_NETWORK;
    }
}
