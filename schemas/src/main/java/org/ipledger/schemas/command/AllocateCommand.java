package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Allocate the lowest free addresses of a pool, or one requested address
 * ({@code POST /api/v1/pools/{id}/allocations}). Keyed by pool id.
 *
 * @param count how many addresses, 1 to {@link #MAX_COUNT}; 1 when {@code address} is given
 * @param address the one address wanted, if any
 * @param ownerRef an opaque platform-local reference to the owner; never the owner's name (I5)
 */
public record AllocateCommand(
        String requestId,
        String platformId,
        long poolId,
        int count,
        Optional<String> address,
        Optional<String> ownerRef) implements Command {

    /** The most addresses the wire format lets one command ask for; the master's own limit may be lower. */
    public static final int MAX_COUNT = 4096;

    public AllocateCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(poolId, "poolId");
        address = optional(address);
        ownerRef = optional(ownerRef);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", was " + count);
        }
        if (address.isPresent() && count != 1) {
            throw new IllegalArgumentException("a requested address is allocated alone, count was " + count);
        }
    }

    /** Reads the JSON, where an absent {@code count} means 1. */
    @JsonCreator
    static AllocateCommand fromJson(
            @JsonProperty("requestId") String requestId,
            @JsonProperty("platformId") String platformId,
            @JsonProperty("poolId") long poolId,
            @JsonProperty("count") Integer count,
            @JsonProperty("address") Optional<String> address,
            @JsonProperty("ownerRef") Optional<String> ownerRef) {
        return new AllocateCommand(requestId, platformId, poolId, count == null ? 1 : count, address, ownerRef);
    }

    @Override
    public CommandType type() {
        return CommandType.ALLOCATE;
    }

    @Override
    public String partitionKey() {
        return Long.toString(poolId);
    }
}
