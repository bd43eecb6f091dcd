package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * A row of {@code ippool_range}.
 *
 * @param poolId column {@code ippool}
 * @param networkId column {@code ipnet}, if set
 * @param startAddress column {@code start_addr}
 * @param endAddress column {@code end_addr}, inclusive
 */
public record PoolRangeRow(
        long id,
        @JsonProperty("ippool") long poolId,
        @JsonProperty("ipnet") Optional<Long> networkId,
        @JsonProperty("start_addr") String startAddress,
        @JsonProperty("end_addr") String endAddress) implements PlatformRow {

    public PoolRangeRow {
        positive(id, "id");
        positive(poolId, "ippool");
        networkId = optional(networkId);
        required(startAddress, "start_addr");
        required(endAddress, "end_addr");
    }

    @Override
    public PlatformTable table() {
        return PlatformTable.IPPOOL_RANGE;
    }
}
