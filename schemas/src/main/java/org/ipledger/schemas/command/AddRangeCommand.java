package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import java.util.Optional;

/**
 * Add a range to a pool ({@code POST /api/v1/pools/{id}/ranges}): either {@code start} and
 * {@code end}, or a {@code cidr}.
 */
public record AddRangeCommand(
        String requestId,
        String platformId,
        long poolId,
        Optional<String> start,
        Optional<String> end,
        Optional<String> cidr) implements Command {

    public AddRangeCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(poolId, "poolId");
        start = optional(start);
        end = optional(end);
        cidr = optional(cidr);
        boolean bounds = start.isPresent() && end.isPresent();
        boolean anyBound = start.isPresent() || end.isPresent();
        if (cidr.isPresent() == anyBound || anyBound != bounds) {
            throw new IllegalArgumentException("a range is either start and end, or a cidr");
        }
    }

    /** A range from {@code start} to {@code end}, inclusive. */
    public static AddRangeCommand ofBounds(String requestId, String platformId, long poolId, String start, String end) {
        return new AddRangeCommand(requestId, platformId, poolId, Optional.of(start), Optional.of(end), Optional.empty());
    }

    /** A range covering a CIDR block. */
    public static AddRangeCommand ofCidr(String requestId, String platformId, long poolId, String cidr) {
        return new AddRangeCommand(requestId, platformId, poolId, Optional.empty(), Optional.empty(), Optional.of(cidr));
    }

    @Override
    public CommandType type() {
        return CommandType.ADD_RANGE;
    }
}
