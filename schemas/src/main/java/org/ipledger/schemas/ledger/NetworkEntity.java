package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.ledger.EntityFields.positive;
import static org.ipledger.schemas.ledger.EntityFields.allLocationsIfAbsent;
import static org.ipledger.schemas.ledger.EntityFields.optional;
import static org.ipledger.schemas.ledger.EntityFields.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A network; for a delete, as it was.
 *
 * @param locations empty means all locations
 */
public record NetworkEntity(
        long id,
        String cidr,
        String name,
        Optional<String> gateway,
        Optional<Integer> vlan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note) implements LedgerEntity {

    public NetworkEntity {
        positive(id, "id");
        required(cidr, "cidr");
        required(name, "name");
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = allLocationsIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public String key() {
        return "network:" + id;
    }
}
