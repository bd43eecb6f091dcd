package org.ipledger.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.schemas.signing.RecordSigner;
import org.ipledger.testing.SharedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform's migration of 1,000,000 addresses applied by the master, end to end: signed chunks
 * of 5,000 addresses produced to {@code ipledger.changes}, applied, and answered by receipts.
 * Prints the time from the first send to the last receipt and rows/s, then how long the ledger
 * took to number every entry.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.MigrationApplyBenchmark}
 */
public final class MigrationApplyBenchmark {

    private static final int ADDRESSES = Integer.getInteger("addresses", 1_000_000);
    private static final int CHUNK = Integer.getInteger("chunk", 5_000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster()) {
            ApiClient api = master.adminClient();
            JsonNode registration = api.post("/api/v1/platforms",
                    "{\"name\":\"bench\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
            String platform = registration.get("platformId").asString();
            String secret = registration.get("secret").asString();
            int chunks = 1 + (ADDRESSES + CHUNK - 1) / CHUNK;
            String migration = UUID.randomUUID().toString();
            Set<String> pending = new HashSet<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> receipts = receiptConsumer(database.topicPrefix() + "replies." + platform)) {
                long start = System.nanoTime();
                for (int c = 0; c < chunks; c++) {
                    String eventId = migration + ":" + c;
                    pending.add(eventId);
                    byte[] value = chunk(platform, migration, eventId, c, chunks).getBytes(StandardCharsets.UTF_8);
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(database.topicPrefix() + "changes", platform, value);
                    new RecordSigner(platform, secret).sign(record);
                    producer.send(record);
                }
                producer.flush();
                long sent = System.nanoTime();
                int refused = 0;
                while (!pending.isEmpty()) {
                    for (var record : receipts.poll(Duration.ofMillis(200))) {
                        if (pending.remove(record.key()) && !JSON.readTree(record.value()).get("ok").asBoolean()) {
                            refused++;
                            System.out.println("refused: " + new String(record.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
                long applied = System.nanoTime();
                double seconds = (applied - start) / 1e9;
                System.out.printf("%,d addresses in %,d chunks of %,d: produced in %.1f s, last receipt after %.1f s,"
                        + " %,.0f rows/s, %d refused%n", ADDRESSES, chunks, CHUNK, (sent - start) / 1e9, seconds,
                        ADDRESSES / seconds, refused);
                while (database.count("SELECT COUNT(*) FROM ledger_outbox WHERE id > (SELECT last_outbox_id FROM ledger_position)") > 0) {
                    Thread.sleep(200);
                }
                System.out.printf("ledger numbered %,d entries %.1f s after the first send%n",
                        database.count("SELECT COUNT(*) FROM ledger_outbox"), (System.nanoTime() - start) / 1e9);
                System.out.printf("stored addresses of the platform: %,d%n",
                        database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platform));
            }
        }
        System.exit(0);
    }

    /** Chunk 0 carries the network, the pool and the range (10.64.0.0/12); the others 5,000 addresses each. */
    private static String chunk(String platform, String migration, String eventId, int index, int total) {
        StringBuilder json = new StringBuilder(CHUNK * 64).append("{\"kind\":\"migration_chunk\",\"eventId\":\"")
                .append(eventId).append("\",\"migrationId\":\"").append(migration).append("\",\"platformId\":\"")
                .append(platform).append("\",\"chunkIndex\":").append(index).append(",\"chunkTotal\":").append(total);
        if (index == 0) {
            json.append(",\"ipnet\":[{\"id\":1,\"name\":\"bench\",\"addr\":\"10.64.0.0\",\"prefix\":12}]")
                    .append(",\"ippool\":[{\"id\":1,\"name\":\"bench\"}]")
                    .append(",\"ippool_range\":[{\"id\":1,\"ippool\":1,\"ipnet\":1,\"start_addr\":\"10.64.0.1\",")
                    .append("\"end_addr\":\"10.79.255.254\"}]");
        } else {
            json.append(",\"ip\":[");
            int first = (index - 1) * CHUNK;
            int last = Math.min(ADDRESSES, first + CHUNK);
            for (int i = first; i < last; i++) {
                long value = (10L << 24 | 64L << 16) + 1 + i;
                json.append(i == first ? "" : ",").append("{\"id\":").append(i + 1).append(",\"ippool\":1,\"addr\":\"")
                        .append(value >> 24 & 255).append('.').append(value >> 16 & 255).append('.')
                        .append(value >> 8 & 255).append('.').append(value & 255)
                        .append("\",\"status\":\"allocated\"}");
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static KafkaConsumer<String, byte[]> receiptConsumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    private MigrationApplyBenchmark() {
    }
}
