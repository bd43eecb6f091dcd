package org.ipledger.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.reply.CommandReply;
import tools.jackson.core.JacksonException;

/**
 * Reads JSON into a message record, ignoring unknown fields. It checks only what the records
 * need; call {@link MessageValidator} first to hold a value to its whole schema. Also a Kafka
 * {@link Deserializer}; thread-safe.
 *
 * @param <T> the message type read, e.g. {@link Command}
 */
public class MessageDeserializer<T> implements Deserializer<T> {

    private final Class<T> messageType;

    public MessageDeserializer(Class<T> messageType) {
        this.messageType = Objects.requireNonNull(messageType, "messageType");
    }

    /** Reads values of {@code ipledger.commands}. */
    public static MessageDeserializer<Command> commands() {
        return new MessageDeserializer<>(Command.class);
    }

    /** Reads values of {@code ipledger.replies.<platformId>}. */
    public static MessageDeserializer<CommandReply> replies() {
        return new MessageDeserializer<>(CommandReply.class);
    }

    /** Reads values of {@code ipledger.changes}: change events and migration chunks. */
    public static MessageDeserializer<ChangesMessage> changes() {
        return new MessageDeserializer<>(ChangesMessage.class);
    }

    /** Reads values of {@code ipledger.ledger}. */
    public static MessageDeserializer<LedgerEntry> ledger() {
        return new MessageDeserializer<>(LedgerEntry.class);
    }

    /**
     * The message in {@code json}.
     *
     * @throws MessageFormatException if it is not JSON or lacks what the record needs
     */
    public T deserialize(byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            return WireJson.MAPPER.readValue(json, messageType);
        } catch (JacksonException e) {
            throw new MessageFormatException("not a valid " + messageType.getSimpleName() + jsonPath(e) + ": "
                    + rootMessage(e), e);
        }
    }

    /** Kafka's entry point: null stays null (a tombstone). */
    @Override
    public T deserialize(String topic, byte[] json) {
        return json == null ? null : deserialize(json);
    }

    /** Where in the value reading failed, e.g. {@code  at $.row.id}; empty at the root. */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder("$");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 1 ? "" : " at " + path;
    }

    private static String rootMessage(JacksonException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
    }
}
