package org.ipledger.schemas.command;

import static org.ipledger.schemas.RecordChecks.optional;

import java.util.List;
import java.util.Optional;

/** The new values of an {@link UpdatePoolCommand}; an absent value leaves the attribute as it is. */
public record PoolChanges(Optional<String> name, Optional<List<String>> locations, Optional<String> note) {

    public PoolChanges {
        name = optional(name);
        locations = optional(locations).map(List::copyOf);
        note = optional(note);
    }
}
