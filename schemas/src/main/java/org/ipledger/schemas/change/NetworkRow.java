package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A row of {@code ipnet}.
 *
 * @param networkAddress column {@code addr}: the network address
 * @param prefix column {@code prefix}: the prefix length
 * @param locations empty means all locations
 */
public record NetworkRow(
        long id,
        String name,
        @JsonProperty("addr") String networkAddress,
        int prefix,
        Optional<String> gateway,
        Optional<Integer> vlan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> locations,
        Optional<String> note) implements PlatformRow {

    public NetworkRow {
        positive(id, "id");
        required(name, "name");
        required(networkAddress, "addr");
        gateway = optional(gateway);
        vlan = optional(vlan);
        locations = emptyIfAbsent(locations);
        note = optional(note);
    }

    @Override
    public PlatformTable table() {
        return PlatformTable.IPNET;
    }
}
