package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;
import org.ipledger.schemas.AddressStatus;

/**
 * A row of {@code ip}, without its {@code owner}, {@code dnsbl} and {@code note} columns, which
 * stay on the platform (I5): there is no field to carry them.
 *
 * @param poolId column {@code ippool}, if set
 * @param address column {@code addr}
 * @param status {@link AddressStatus#ALLOCATED} or {@link AddressStatus#RESERVED}
 */
public record AddressRow(
        long id,
        @JsonProperty("ippool") Optional<Long> poolId,
        @JsonProperty("addr") String address,
        AddressStatus status) implements PlatformRow {

    public AddressRow {
        positive(id, "id");
        poolId = optional(poolId);
        required(address, "addr");
        required(status, "status");
        if (status == AddressStatus.FREE) {
            throw new IllegalArgumentException("free addresses are not stored");
        }
    }

    @Override
    public PlatformTable table() {
        return PlatformTable.IP;
    }
}
