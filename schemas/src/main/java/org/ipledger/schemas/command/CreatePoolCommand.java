package org.ipledger.schemas.command;

import static org.ipledger.schemas.command.CommandFields.allLocationsIfAbsent;
import static org.ipledger.schemas.command.CommandFields.optional;
import static org.ipledger.schemas.command.CommandFields.required;

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
        required(requestId, "requestId");
        required(platformId, "platformId");
        required(name, "name");
        locations = allLocationsIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public CommandType type() {
        return CommandType.CREATE_POOL;
    }
}
