package org.ipledger.schemas.cloudevents;

import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.change.PlatformStatus;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CommandType;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.schemas.reply.CommandReply;

/**
 * The {@code ce_type} of every message: {@code org.ipledger.<family>[.<what>].v<schema version>}.
 * Commands and ledger entries name their type, e.g. {@code org.ipledger.command.allocate.v1},
 * {@code org.ipledger.ledger.address_allocated.v1} (see {@link CommandType#cloudEventType()} and
 * {@link LedgerEntryType#cloudEventType()}).
 */
public final class CloudEventTypes {

    public static final String REPLY = "org.ipledger.reply.v1";
    public static final String CHANGE_EVENT = "org.ipledger.change.v1";
    public static final String MIGRATION_CHUNK = "org.ipledger.migration.chunk.v1";
    /** An agent's report of its applied ledger position, on {@code ipledger.changes}. */
    public static final String PLATFORM_STATUS = "org.ipledger.platform.status.v1";
    /**
     * The master's receipt of a change event or migration chunk, on the platform's replies topic;
     * its value is a {@link CommandReply} whose {@code requestId} is the event id.
     */
    public static final String CHANGE_RECEIPT = "org.ipledger.change.receipt.v1";

    private CloudEventTypes() {
    }

    /**
     * The {@code ce_type} of a message record.
     *
     * @throws IllegalArgumentException if it is not a message of this module
     */
    public static String of(Object message) {
        if (message instanceof Command command) {
            return command.type().cloudEventType();
        }
        if (message instanceof LedgerEntry entry) {
            return entry.type().cloudEventType();
        }
        if (message instanceof CommandReply) {
            return REPLY;
        }
        if (message instanceof ChangeEvent) {
            return CHANGE_EVENT;
        }
        if (message instanceof MigrationChunk) {
            return MIGRATION_CHUNK;
        }
        if (message instanceof PlatformStatus) {
            return PLATFORM_STATUS;
        }
        throw new IllegalArgumentException("not an ipledger message: " + message);
    }
}
