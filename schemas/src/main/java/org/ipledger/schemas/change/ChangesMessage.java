package org.ipledger.schemas.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.ipledger.schemas.WireMessage;

/** A value of {@code ipledger.changes}, told apart by its {@code kind}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChangeEvent.class, name = "change"),
    @JsonSubTypes.Type(value = MigrationChunk.class, name = "migration_chunk"),
    @JsonSubTypes.Type(value = PlatformStatus.class, name = "status")
})
public sealed interface ChangesMessage extends WireMessage permits ChangeEvent, MigrationChunk, PlatformStatus {

    /** The idempotency key: applying the same event twice has one effect (status reports are not logged). */
    String eventId();

    /** The platform the rows come from. */
    String platformId();

    /** The record key on the changes topic, which keeps one platform's messages in order. */
    default String partitionKey() {
        return platformId();
    }
}
