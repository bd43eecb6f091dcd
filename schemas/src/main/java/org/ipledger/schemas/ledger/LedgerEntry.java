package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import java.time.Instant;
import java.util.Optional;
import org.ipledger.schemas.WireMessage;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One committed change on the ledger.
 *
 * @param seq gap-free from 1, in commit order
 * @param platformId the platform the change came from
 * @param requestId the command that made the change; absent for a captured change or a migration
 * @param eventId the change event or migration chunk that made the change, so that its platform
 *     can tell it was applied
 * @param entity of the class {@code type} names
 */
@JsonDeserialize(using = LedgerEntryDeserializer.class)
public record LedgerEntry(
        long seq,
        LedgerEntryType type,
        String platformId,
        Optional<String> requestId,
        Optional<String> eventId,
        Instant committedAt,
        LedgerEntity entity) implements WireMessage {

    public LedgerEntry {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, was " + seq);
        }
        required(type, "type");
        required(platformId, "platformId");
        requestId = optional(requestId);
        eventId = optional(eventId);
        required(committedAt, "committedAt");
        required(entity, "entity");
        if (!type.entityType().isInstance(entity)) {
            throw new IllegalArgumentException(type.wireName() + " carries a "
                    + type.entityType().getSimpleName() + ", not a " + entity.getClass().getSimpleName());
        }
    }

    /** The record key on the ledger topic: the entity's key. */
    public String entityKey() {
        return entity.key();
    }
}
