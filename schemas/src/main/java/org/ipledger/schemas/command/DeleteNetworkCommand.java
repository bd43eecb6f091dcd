package org.ipledger.schemas.command;

import static org.ipledger.schemas.command.CommandFields.positive;
import static org.ipledger.schemas.command.CommandFields.required;

/** Delete a network ({@code DELETE /api/v1/networks/{id}}). */
public record DeleteNetworkCommand(String requestId, String platformId, long networkId) implements Command {

    public DeleteNetworkCommand {
        required(requestId, "requestId");
        required(platformId, "platformId");
        positive(networkId, "networkId");
    }

    @Override
    public CommandType type() {
        return CommandType.DELETE_NETWORK;
    }
}
