package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * Create a pool ({@code POST /api/v1/pools}).
 *
 * @param locations locations the pool is limited to; empty means all
 */
public record CreatePoolCommand(
        String requestId,
        String platformId,
        String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note) implements Command {

    public CreatePoolCommand {
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        requiredText(name, "name");
        locations = emptyIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public CommandType type() {
        return CommandType.CREATE_POOL;
    }
}
