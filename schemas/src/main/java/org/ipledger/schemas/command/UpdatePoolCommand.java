package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.requiredText;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Change some attributes of a pool ({@code PATCH /api/v1/pools/{id}}).
 *
 * @param changes the new values
 * @param clear the optional attributes to remove: only {@link ClearableAttribute#NOTE}
 */
public record UpdatePoolCommand(
        String requestId,
        String platformId,
        long poolId,
        PoolChanges changes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClearableAttribute> clear) implements Command {

    public UpdatePoolCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(poolId, "poolId");
        Objects.requireNonNull(changes, "changes is required");
        clear = clear == null ? List.of() : List.copyOf(clear);
        for (ClearableAttribute attribute : clear) {
            if (attribute != ClearableAttribute.NOTE) {
                throw new IllegalArgumentException("a pool has no " + attribute.wireName() + " to clear");
            }
            if (changes.note().isPresent()) {
                throw new IllegalArgumentException("note is both changed and cleared");
            }
        }
    }

    @Override
    public CommandType type() {
        return CommandType.UPDATE_POOL;
    }
}
