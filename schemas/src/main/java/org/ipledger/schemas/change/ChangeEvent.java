package org.ipledger.schemas.change;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Optional;

/**
 * One row the platform wrote locally, captured from its binlog. The row's table travels as the
 * sibling field {@code table}.
 *
 * @param eventId the same for the same captured change, also when capture replays it
 * @param sequence per-platform position, increasing in capture order, from 1
 * @param sourcePosition where the change was read, opaque to the master (e.g. binlog file and position)
 * @param row the row after a create or update; as it was before a delete
 */
public record ChangeEvent(
        String eventId,
        String platformId,
        long sequence,
        Optional<String> sourcePosition,
        Instant capturedAt,
        ChangeOperation op,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "table")
        @JsonSubTypes({
            @JsonSubTypes.Type(value = NetworkRow.class, name = "ipnet"),
            @JsonSubTypes.Type(value = PoolRow.class, name = "ippool"),
            @JsonSubTypes.Type(value = PoolRangeRow.class, name = "ippool_range"),
            @JsonSubTypes.Type(value = AddressRow.class, name = "ip")
        })
        PlatformRow row) implements ChangesMessage {

    public ChangeEvent {
        required(eventId, "eventId");
        required(platformId, "platformId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        sourcePosition = optional(sourcePosition);
        required(capturedAt, "capturedAt");
        required(op, "op");
        required(row, "row");
    }

    /** The table of the row. */
    public PlatformTable table() {
        return row.table();
    }
}
