package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A pool; for a delete, as it was.
 *
 * @param locations empty means all locations
 * @param platformId the platform that owns the pool (not necessarily the one the change came from)
 */
public record PoolEntity(
        long id,
        String name,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note,
        Optional<String> platformId) implements LedgerEntity {

    public PoolEntity {
        positive(id, "id");
        required(name, "name");
        locations = emptyIfAbsent(locations);
        note = optional(note);
        platformId = optional(platformId);
    }

    @Override
    public String key() {
        return "pool:" + id;
    }
}
