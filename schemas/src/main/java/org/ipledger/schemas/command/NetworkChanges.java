package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.optional;

import java.util.List;
import java.util.Optional;

/** The new values of an {@link UpdateNetworkCommand}; an absent value leaves the attribute as it is. */
public record NetworkChanges(
        Optional<String> name,
        Optional<String> gateway,
        Optional<Integer> vlan,
        Optional<List<String>> locations,
        Optional<String> note) {

    public NetworkChanges {
        name = optional(name);
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = optional(locations).map(List::copyOf);
        note = optional(note);
    }

    /** Whether the value of {@code attribute} is changed. */
    boolean changes(ClearableAttribute attribute) {
        return switch (attribute) {
            case GATEWAY -> gateway.isPresent();
            case VLAN -> vlan.isPresent();
            case NOTE -> note.isPresent();
        };
    }
}
