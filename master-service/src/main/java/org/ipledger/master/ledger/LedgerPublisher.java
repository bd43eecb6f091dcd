package org.ipledger.master.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ipledger.master.info.Installation;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes numbered ledger entries to the ledger topic in sequence order. A pass locks the
 * publication row, sends the entries after the published position, waits for the broker's
 * acknowledgements and only then records the new position: after a crash the unacknowledged tail
 * is sent again with the same sequence numbers, never skipped, and readers drop what they already
 * have by {@code seq}.
 */
@Component
public class LedgerPublisher extends PollingLoop {

    private final LedgerPositions positions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Topics topics;
    private final JsonMapper json;
    private final LedgerProperties properties;
    private final TransactionTemplate transaction;
    private final String source;
    private final HandedOverEntries handedOver;

    LedgerPublisher(LedgerPositions positions, KafkaTemplate<String, byte[]> kafka, Topics topics, JsonMapper json,
                    LedgerProperties properties, PlatformTransactionManager transactions, Installation installation) {
        super("ledger-publisher", properties.pollInterval(), properties.batchSize());
        this.positions = positions;
        this.kafka = kafka;
        this.topics = topics;
        this.json = json;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.source = CloudEventHeaders.masterSource(installation.instanceId());
        // Room for a full pass of the sequencer while one is waiting to be sent.
        this.handedOver = new HandedOverEntries(2 * properties.batchSize());
    }

    /** Publishes what is numbered and not yet published; returns how many entries it sent. */
    public int publishOnce() {
        Integer sent = transaction.execute(status -> {
            long published = positions.lockPublished();
            List<LedgerPositions.NumberedEntry> entries = handedOver.after(published, properties.batchSize());
            if (entries.isEmpty()) {
                entries = positions.numberedAfter(published, properties.batchSize());
            }
            if (entries.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, byte[]>>> acks = new ArrayList<>(entries.size());
            for (LedgerPositions.NumberedEntry entry : entries) {
                acks.add(kafka.send(record(entry)));
            }
            kafka.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS).join();
            positions.published(entries.get(entries.size() - 1).seq());
            return entries.size();
        });
        return sent == null ? 0 : sent;
    }

    /** True when the sequencer should read a pass of up to {@code count} entries with their content for this publisher. */
    boolean takesHandOver(int count) {
        return handedOver.hasRoomFor(count);
    }

    /** Entries the sequencer of this instance numbered and committed: kept for the next passes, which are asked for now. */
    void handOver(List<LedgerPositions.NumberedEntry> numbered) {
        handedOver.add(numbered);
        wakeUp();
    }

    private ProducerRecord<String, byte[]> record(LedgerPositions.NumberedEntry entry) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.ledger(), entry.entityKey(), value(entry));
        LedgerEntryType type = LedgerEntryType.valueOf(entry.type().toUpperCase(Locale.ROOT));
        new CloudEventHeaders("ledger-" + entry.seq(), type.cloudEventType(), source, entry.committedAt())
                .writeTo(record.headers());
        record.headers().add("ipledger_seq", Long.toString(entry.seq()).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /**
     * The entry's JSON. The entity is copied as the outbox stored it (this mapper wrote it), not
     * parsed and written again: a migration publishes a million of them.
     */
    private byte[] value(LedgerPositions.NumberedEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entry.entity().length() + 256);
        try (JsonGenerator generator = json.createGenerator(bytes)) {
            generator.writeStartObject();
            generator.writeNumberProperty("schemaVersion", 1);
            generator.writeNumberProperty("seq", entry.seq());
            generator.writeStringProperty("type", entry.type());
            generator.writeStringProperty("platformId", entry.platformId());
            generator.writeStringProperty("requestId", entry.requestId());
            generator.writeStringProperty("committedAt", entry.committedAt().toString());
            generator.writeName("entity");
            generator.writeRawValue(entry.entity());
            generator.writeEndObject();
        }
        return bytes.toByteArray();
    }

    @Override
    int pass() {
        return publishOnce();
    }
}
