package org.ipledger.agent.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.schemas.cloudevents.CloudEventTypes;
import org.ipledger.schemas.signing.RecordSigner;

/**
 * Sends this platform's change events and migration chunks to {@code ipledger.changes}: keyed by
 * the platform id (one partition keeps them in order), signed, with CloudEvents headers, through
 * one idempotent producer. Thread-safe.
 */
public final class ChangesPublisher implements AutoCloseable {

    private final MasterLink link;
    private final RecordSigner signer;
    private final MessageSerializer serializer = new MessageSerializer();
    private final Producer<String, byte[]> producer;

    ChangesPublisher(MasterLink link) {
        this.link = link;
        this.signer = link.signer();
        Map<String, Object> properties = link.producerProperties();
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ipledger-agent-" + link.platformId() + "-changes");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Migration chunks are up to a few hundred kB of repetitive JSON.
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** The completion is the broker's acknowledgement of the record, not the master's receipt. */
    public CompletableFuture<RecordMetadata> send(ChangesMessage message) {
        return send(message.eventId(), CloudEventTypes.of(message), serializer.serialize(message));
    }

    /**
     * Sends a message already serialised (a stored migration chunk is sent again byte for byte).
     *
     * @param cloudEventType see {@link CloudEventTypes}
     */
    public CompletableFuture<RecordMetadata> send(String eventId, String cloudEventType, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(link.topics().changes(), link.platformId(), value);
        new CloudEventHeaders(eventId, cloudEventType,
                CloudEventHeaders.platformSource(link.platformId()), Instant.now()).writeTo(record.headers());
        signer.sign(record);
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                acked.completeExceptionally(failure);
            } else {
                acked.complete(metadata);
            }
        });
        return acked;
    }

    /** The link whose platform this sends for. */
    public MasterLink link() {
        return link;
    }

    @Override
    public void close() {
        producer.close();
    }
}
