package org.ipledger.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.testing.SharedKafka;

/** Reads the ledger topic while the load runs and measures committedAt -> arrival. */
final class LedgerLag {

    private final Percentiles lag = new Percentiles(1_000_000);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private volatile Instant from = Instant.MAX;

    LedgerLag(String topic) {
        reader = new Thread(() -> {
            try (var consumer = new KafkaConsumer<>(SharedKafka.access().clientProperties(),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToEnd(List.of(partition));
                consumer.position(partition);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        // The entry's commit time as its CloudEvents header carries it: the
                        // probe reads, but does not parse, every entry's JSON.
                        Instant committed = Instant.parse(new String(record.headers().lastHeader(CloudEventHeaders.TIME)
                                .value(), StandardCharsets.UTF_8));
                        long nanos = Duration.between(committed, Instant.now()).toNanos();
                        if (!committed.isBefore(from) && nanos >= 0) {
                            lag.add(nanos);
                        }
                    }
                }
            }
        });
        reader.start();
    }

    /** Counts the entries committed from this instant on. */
    void measureFrom(Instant start) {
        from = start;
    }

    String stop() throws InterruptedException {
        Thread.sleep(1_000);
        running.set(false);
        reader.join();
        return lag.summary("ms");
    }
}
