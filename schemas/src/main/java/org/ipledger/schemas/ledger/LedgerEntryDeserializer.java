package org.ipledger.schemas.ledger;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@link LedgerEntry}, choosing the entity's class by the entry's {@code type}: several
 * types share one entity class, so Jackson's type ids cannot express it.
 */
final class LedgerEntryDeserializer extends ValueDeserializer<LedgerEntry> {

    @Override
    public LedgerEntry deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        JsonNode tree = context.readTree(parser);
        Fields fields = context.readTreeAsValue(tree, Fields.class);
        if (fields.type() == null || fields.entity() == null || !fields.entity().isObject()) {
            return context.reportInputMismatch(LedgerEntry.class, "a ledger entry needs a type and an entity object");
        }
        LedgerEntity entity;
        try {
            entity = context.readTreeAsValue(fields.entity(), fields.type().entityType());
        } catch (JacksonException e) {
            throw e.prependPath(LedgerEntry.class, "entity");
        }
        try {
            return new LedgerEntry(fields.seq(), fields.type(), fields.platformId(), fields.requestId(),
                    fields.eventId(), fields.committedAt(), entity);
        } catch (IllegalArgumentException | NullPointerException e) {
            return context.reportInputMismatch(LedgerEntry.class, "not a valid ledger entry: %s", e.getMessage());
        }
    }

    /** The entry's fields with the entity still a tree. */
    record Fields(
            long seq,
            LedgerEntryType type,
            String platformId,
            Optional<String> requestId,
            Optional<String> eventId,
            Instant committedAt,
            JsonNode entity) {
    }
}
