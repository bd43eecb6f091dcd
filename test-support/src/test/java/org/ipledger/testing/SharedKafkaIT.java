package org.ipledger.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SharedKafka.class)
class SharedKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void bootstrapServersPointAtLoopback() {
        assertThat(SharedKafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void aRecordProducedToACreatedTopicIsConsumedBack() throws Exception {
        String topic = "shared-kafka-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(SharedKafka.access().clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(SharedKafka.access().with(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "10.0.0.1", "allocated"))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = consumeAtLeastOne(topic);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("10.0.0.1");
            assertThat(record.value()).isEqualTo("allocated");
            assertThat(record.offset()).isZero();
        });
    }

    private static List<ConsumerRecord<String, String>> consumeAtLeastOne(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(SharedKafka.access().with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "shared-kafka-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

}
