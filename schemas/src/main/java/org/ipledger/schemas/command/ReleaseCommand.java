package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import java.util.Optional;
import org.ipledger.schemas.Topics;

/**
 * Release one address ({@code DELETE /api/v1/addresses/{address}}); releasing a free address is
 * no error. Keyed by pool id when it is known, else {@link Topics#STRUCTURE_KEY}.
 */
public record ReleaseCommand(String requestId, String platformId, Optional<Long> poolId, String address)
        implements Command {

    public ReleaseCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        poolId = optional(poolId);
        requiredText(address, "address");
    }

    @Override
    public CommandType type() {
        return CommandType.RELEASE;
    }

    @Override
    public String partitionKey() {
        return poolId.map(String::valueOf).orElse(Topics.STRUCTURE_KEY);
    }
}
