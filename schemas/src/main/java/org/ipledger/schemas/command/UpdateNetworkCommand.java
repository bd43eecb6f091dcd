package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.requiredText;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Change some attributes of a network ({@code PATCH /api/v1/networks/{id}}).
 *
 * @param changes the new values
 * @param clear the optional attributes to remove; none of them also in {@code changes}
 */
public record UpdateNetworkCommand(
        String requestId,
        String platformId,
        long networkId,
        NetworkChanges changes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClearableAttribute> clear) implements Command {

    public UpdateNetworkCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        positive(networkId, "networkId");
        Objects.requireNonNull(changes, "changes is required");
        clear = clear == null ? List.of() : List.copyOf(clear);
        for (ClearableAttribute attribute : clear) {
            if (changes.changes(attribute)) {
                throw new IllegalArgumentException(attribute.wireName() + " is both changed and cleared");
            }
        }
    }

    @Override
    public CommandType type() {
        return CommandType.UPDATE_NETWORK;
    }
}
