package org.ipledger.master.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.testing.SharedKafka;

/** Reads a ledger topic from its beginning, as a new replica would. */
final class LedgerTopicReader {

    private LedgerTopicReader() {
    }

    /** Every record of the topic, waiting until there are at least {@code expected}. */
    static List<ConsumerRecord<String, String>> readAll(String topic, long expected) {
        return readAll(SharedKafka.access(), topic, expected);
    }

    /** As {@link #readAll(String, long)}, from the given broker. */
    static List<ConsumerRecord<String, String>> readAll(KafkaAccess kafka, String topic, long expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
