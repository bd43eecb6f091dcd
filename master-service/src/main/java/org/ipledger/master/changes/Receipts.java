package org.ipledger.master.changes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ipledger.master.info.Installation;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.schemas.cloudevents.CloudEventTypes;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends the receipt of a change event or migration chunk to its platform's replies topic, keyed by
 * the event id. The event id is also the {@code kafka_correlationId} (a UUID's 16 bytes, any other
 * id's UTF-8 bytes), so a {@code ReplyingKafkaTemplate} sharing the topic treats it as a reply it
 * did not ask for rather than logging a reply without correlation as an error.
 */
@Component
class Receipts {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Topics topics;
    private final String source;

    Receipts(KafkaTemplate<String, byte[]> kafka, Topics topics, Installation installation) {
        this.kafka = kafka;
        this.topics = topics;
        this.source = CloudEventHeaders.masterSource(installation.instanceId());
    }

    CompletableFuture<SendResult<String, byte[]>> send(String platformId, String eventId, byte[] receipt) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.replies(platformId), eventId, receipt);
        record.headers().add(KafkaHeaders.CORRELATION_ID, correlation(eventId));
        new CloudEventHeaders(UUID.randomUUID().toString(), CloudEventTypes.CHANGE_RECEIPT, source, Instant.now())
                .writeTo(record.headers());
        return kafka.send(record);
    }

    private static byte[] correlation(String eventId) {
        try {
            UUID uuid = UUID.fromString(eventId);
            return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
        } catch (IllegalArgumentException e) {
            return eventId.getBytes(StandardCharsets.UTF_8);
        }
    }
}
