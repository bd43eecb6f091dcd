package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import java.util.Optional;
import org.ipledger.schemas.Topics;

/**
 * Set one address's status ({@code PATCH /api/v1/addresses/{address}}): reserved, or allocated.
 * Keyed by pool id when it is known, else {@link Topics#STRUCTURE_KEY}.
 *
 * @param status {@code reserved} or {@code allocated}; absent means reserved, as in the first version of the schema
 * @param ownerRef an opaque platform-local reference to the owner; never the owner's name (I5)
 */
public record ReserveCommand(
        String requestId,
        String platformId,
        Optional<Long> poolId,
        String address,
        Optional<String> status,
        Optional<String> ownerRef) implements Command {

    private static final String RESERVED = "reserved";
    private static final String ALLOCATED = "allocated";

    public ReserveCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        poolId = optional(poolId);
        requiredText(address, "address");
        status = optional(status);
        if (status.filter(s -> !s.equals(RESERVED) && !s.equals(ALLOCATED)).isPresent()) {
            throw new IllegalArgumentException("status must be 'reserved' or 'allocated', got '" + status.get() + "'");
        }
        ownerRef = optional(ownerRef);
    }

    /** The status to set: {@code reserved} unless {@code allocated} is asked for. */
    public String wantedStatus() {
        return status.orElse(RESERVED);
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
