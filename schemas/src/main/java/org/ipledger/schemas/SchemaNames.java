package org.ipledger.schemas;

import java.util.List;

/**
 * Names of the JSON Schemas for {@link MessageValidator}: the path under {@code schemas/} without
 * {@code .schema.json}. One name per topic validates any value of that topic; the per-type names
 * (such as {@code command/allocate.v1}, see {@link org.ipledger.schemas.command.CommandType#schemaName()})
 * validate one kind of value.
 */
public final class SchemaNames {

    /** Any value of {@code ipledger.commands}, dispatched on {@code type}. */
    public static final String COMMAND = "command/command.v1";

    /** Any value of {@code ipledger.replies.<platformId>}. */
    public static final String REPLY = "reply/reply.v1";

    /** Any value of {@code ipledger.changes}, dispatched on {@code kind}. */
    public static final String CHANGES_MESSAGE = "change/changes_message.v1";

    /** A change event alone. */
    public static final String CHANGE_EVENT = "change/change_event.v1";

    /** A migration chunk alone. */
    public static final String MIGRATION_CHUNK = "change/migration_chunk.v1";

    /** A platform's status report alone. */
    public static final String PLATFORM_STATUS = "change/platform_status.v1";

    /** Any value of {@code ipledger.ledger}, dispatched on {@code type}. */
    public static final String LEDGER_ENTRY = "ledger/ledger_entry.v1";

    /** The schema of every topic's values. */
    public static final List<String> TOPIC_SCHEMAS = List.of(COMMAND, REPLY, CHANGES_MESSAGE, LEDGER_ENTRY);

    private SchemaNames() {
    }
}
