package org.ipledger.schemas;

import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * Writes a message record ({@link org.ipledger.schemas.command.Command},
 * {@link org.ipledger.schemas.reply.CommandReply}, {@link org.ipledger.schemas.change.ChangesMessage},
 * {@link org.ipledger.schemas.ledger.LedgerEntry}) as the JSON its schema describes. Also a Kafka
 * {@link Serializer}; thread-safe.
 */
public class MessageSerializer implements Serializer<Object> {

    /** The UTF-8 JSON of a message. */
    public byte[] serialize(Object message) {
        try {
            return WireJson.MAPPER.writeValueAsBytes(message);
        } catch (JacksonException e) {
            throw new MessageFormatException("cannot write " + message.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Kafka's entry point: null stays null (a tombstone). */
    @Override
    public byte[] serialize(String topic, Object message) {
        return message == null ? null : serialize(message);
    }
}
