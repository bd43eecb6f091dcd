package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.testing.SharedKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replica's two-speed reading of the ledger partition, on a real broker. */
@ExtendWith(SharedKafka.class)
class LedgerReaderIT {

    private TopicPartition partition;

    @BeforeEach
    void createTopic() throws Exception {
        partition = new TopicPartition("ledger-reader-" + UUID.randomUUID(), 0);
        try (Admin admin = Admin.create(SharedKafka.access().clientProperties())) {
            admin.createTopics(List.of(new NewTopic(partition.topic(), 1, (short) 1))).all().get();
        }
    }

    @Test
    void readsEveryRecordOnceInOrderAcrossBurstsAndQuietSpells() throws Exception {
        List<Long> read = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer(); LedgerReader reader = reader()) {
            reader.seekToBeginning();
            for (int burst = 0; burst < 4; burst++) {
                for (int i = 0; i < 50; i++) {
                    producer.send(new ProducerRecord<>(partition.topic(), "k", new byte[] {(byte) i}));
                }
                producer.flush();
                // Polls until the burst is read and then a poll comes back empty: the reader has been
                // quiet long enough to go back to waiting, so the next burst finds it there.
                boolean quiet = false;
                while (read.size() < 50 * (burst + 1) || !quiet) {
                    var records = reader.poll();
                    quiet = records.isEmpty();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        read.add(record.offset());
                    }
                }
            }
        }
        assertThat(read).containsExactlyElementsOf(LongStream.range(0, 200).boxed().toList());
    }

    @Test
    void aQuietLedgerIsFetchedAboutTwiceASecondNotEveryGather() throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(); LedgerReader reader = reader()) {
            reader.seekToBeginning();
            producer.send(new ProducerRecord<>(partition.topic(), "k", new byte[] {1})).get();
            int read = 0;
            while (read == 0) {
                read = reader.poll().count();
            }
            while (!reader.poll().isEmpty()) {
                // gathering until the ledger has been quiet
            }
            long before = reader.fetches();
            long polls = 0;
            long started = System.nanoTime();
            while (System.nanoTime() - started < 3_000_000_000L) {
                assertThat(reader.poll()).isEmpty();
                polls++;
            }
            // Waiting, a fetch stays on the broker for half a second: about six in three seconds.
            // Gathering would have sent one every 10 ms, about 300.
            assertThat(reader.fetches() - before).as("fetches in 3 s of quiet, over %d polls", polls).isLessThan(30);
        }
    }

    private LedgerReader reader() {
        Map<String, Object> properties = SharedKafka.access().clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new LedgerReader(properties, partition);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(SharedKafka.access().clientProperties(), new StringSerializer(), new ByteArraySerializer());
    }
}
