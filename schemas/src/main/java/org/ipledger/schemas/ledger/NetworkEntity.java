package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A network; for a delete, as it was.
 *
 * @param locations empty means all locations
 * @param platformId the platform that owns the network (not necessarily the one the change came from)
 * @param family 4 or 6, as {@code cidr} says
 */
public record NetworkEntity(
        long id,
        String cidr,
        String name,
        Optional<String> gateway,
        Optional<Integer> vlan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note,
        Optional<String> platformId,
        Optional<Integer> family) implements LedgerEntity {

    public NetworkEntity {
        positive(id, "id");
        required(cidr, "cidr");
        required(name, "name");
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = emptyIfAbsent(locations);
        note = optional(note);
        platformId = optional(platformId);
        family = optional(family);
        int cidrFamily = cidr.indexOf(':') >= 0 ? 6 : 4;
        if (family.isPresent() && family.get() != cidrFamily) {
            throw new IllegalArgumentException("family must be " + cidrFamily + " for " + cidr + ", was "
                    + family.get());
        }
    }

    @Override
    public String key() {
        return "network:" + id;
    }
}
