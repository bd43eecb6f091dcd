package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import java.util.Optional;
import org.ipledger.schemas.Topics;

/**
 * Mark one address reserved ({@code PATCH /api/v1/addresses/{address}}, status reserved).
 * Keyed by pool id when it is known, else {@link Topics#STRUCTURE_KEY}.
 *
 * @param ownerRef an opaque platform-local reference to the owner; never the owner's name (I5)
 */
public record ReserveCommand(
        String requestId,
        String platformId,
        Optional<Long> poolId,
        String address,
        Optional<String> ownerRef) implements Command {

    public ReserveCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        poolId = optional(poolId);
        requiredText(address, "address");
        ownerRef = optional(ownerRef);
    }

    @Override
    public CommandType type() {
        return CommandType.RESERVE;
    }

    @Override
    public String partitionKey() {
        return poolId.map(String::valueOf).orElse(Topics.STRUCTURE_KEY);
    }
}
