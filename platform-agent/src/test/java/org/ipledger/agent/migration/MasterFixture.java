package org.ipledger.agent.migration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;

/** Reads what a platform sent on the changes topic and what landed in the master's database. */
public final class MasterFixture {

    private MasterFixture() {
    }

    /** Every record of the changes topic keyed by this platform, from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> changesOf(MasterLink link) {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, link.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(link.topics().changes()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (link.platformId().equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /**
     * Writes a record to a topic as one holding the master's credential could, with a CloudEvents
     * type and, when given, a {@code kafka_correlationId}: a forged receipt, reply or ledger entry.
     */
    public static void forge(MasterLink link, String topic, String key, String cloudEventType, byte[] correlation,
                             Map<String, String> headers, String value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, link.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                    value.getBytes(StandardCharsets.UTF_8));
            if (cloudEventType != null) {
                new CloudEventHeaders(UUID.randomUUID().toString(), cloudEventType, "/forged", Instant.now())
                        .writeTo(record.headers());
            }
            if (correlation != null) {
                record.headers().add("kafka_correlationId", correlation);
            }
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many rows of every text column of every table of the master's database contain {@code text}. */
    public static long textOccurrences(LedgerDatabase database, String text) {
        List<Map<String, Object>> columns = database.jdbc().queryForList("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = DATABASE() AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext',
                    'tinytext', 'json', 'longblob', 'blob', 'mediumblob')""");
        long found = 0;
        for (Map<String, Object> column : columns) {
            found += database.count("SELECT COUNT(*) FROM `" + column.get("TABLE_NAME") + "` WHERE `"
                    + column.get("COLUMN_NAME") + "` LIKE ?", "%" + text + "%");
        }
        return found;
    }
}
