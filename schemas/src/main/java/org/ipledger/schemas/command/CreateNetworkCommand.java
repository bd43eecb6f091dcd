package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.requiredText;

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
        requiredText(requestId, "requestId");
        requiredText(platformId, "platformId");
        requiredText(cidr, "cidr");
        requiredText(name, "name");
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = emptyIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public CommandType type() {
        return CommandType.CREATE_NETWORK;
    }
}
