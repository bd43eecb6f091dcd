package org.ipledger.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.ipledger.schemas.KafkaAccess;
import org.ipledger.testing.SharedKafka;

/** The ledger topic as a new reader sees it: every record from the beginning up to the end offset now. */
public final class LedgerTopic {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LedgerTopic() {
    }

    /** The values of every record on the topic's one partition, in offset order, duplicates included. */
    static List<JsonNode> entries(String topic) {
        return entries(SharedKafka.access(), topic);
    }

    /** {@link #entries(String)} on another broker, such as a master's own in-process one. */
    public static List<JsonNode> entries(KafkaAccess kafka, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<JsonNode> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> entries.add(JSON.readTree(record.value())));
            }
        }
        return entries;
    }
}
