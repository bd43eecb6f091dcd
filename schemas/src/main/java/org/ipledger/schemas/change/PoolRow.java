package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A row of {@code ippool}.
 *
 * @param locations empty means all locations
 */
public record PoolRow(
        long id,
        String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note) implements PlatformRow {

    public PoolRow {
        positive(id, "id");
        required(name, "name");
        locations = emptyIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public PlatformTable table() {
        return PlatformTable.IPPOOL;
    }
}
