package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.emptyIfAbsent;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A part of one platform's address space, read from one consistent snapshot. A chunk is
 * identified by {@code migrationId} and {@code chunkIndex}: applying it twice has one effect.
 * Each list is named after its table and may be empty.
 *
 * @param eventId idempotency key of this chunk, e.g. {@code <migrationId>:<chunkIndex>}
 * @param chunkIndex 0-based, less than {@code chunkTotal}
 * @param chunkTotal how many chunks the migration has
 */
public record MigrationChunk(
        String eventId,
        String migrationId,
        String platformId,
        int chunkIndex,
        int chunkTotal,
        @JsonProperty("ipnet") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NetworkRow> networks,
        @JsonProperty("ippool") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PoolRow> pools,
        @JsonProperty("ippool_range") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PoolRangeRow> ranges,
        @JsonProperty("ip") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AddressRow> addresses)
        implements ChangesMessage {

    public MigrationChunk {
        required(eventId, "eventId");
        required(migrationId, "migrationId");
        required(platformId, "platformId");
        if (chunkTotal < 1 || chunkIndex < 0 || chunkIndex >= chunkTotal) {
            throw new IllegalArgumentException("chunk " + chunkIndex + " of " + chunkTotal + " does not exist");
        }
        networks = emptyIfAbsent(networks);
        pools = emptyIfAbsent(pools);
        ranges = emptyIfAbsent(ranges);
        addresses = emptyIfAbsent(addresses);
    }

    /** Whether this is the migration's last chunk. */
    public boolean lastChunk() {
        return chunkIndex == chunkTotal - 1;
    }
}
