package org.ipledger.schemas.command;

import static org.ipledger.schemas.command.CommandFields.allLocationsIfAbsent;
import static org.ipledger.schemas.command.CommandFields.optional;
import static org.ipledger.schemas.command.CommandFields.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * Create a network ({@code POST /api/v1/networks}).
 *
 * @param cidr the network, host bits clear, e.g. {@code 10.20.0.0/24}
 * @param locations locations the network is limited to; empty means all
 */
public record CreateNetworkCommand(
        String requestId,
        String platformId,
        String cidr,
        String name,
        Optional<String> gateway,
        Optional<Integer> vlan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note) implements Command {

    public CreateNetworkCommand {
        required(requestId, "requestId");
        required(platformId, "platformId");
        required(cidr, "cidr");
        required(name, "name");
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = allLocationsIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public CommandType type() {
        return CommandType.CREATE_NETWORK;
    }
}
