package org.ipledger.master.changes;

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
import org.awaitility.Awaitility;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.signing.RecordSigner;
import org.ipledger.testing.SharedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A platform registered on a test master that produces signed records on the changes topic and reads its receipts. */
public final class JoinedPlatform implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    public final String id;
    final String secret;
    public final String token;
    private final String prefix;
    private final KafkaProducer<String, byte[]> producer;
    private long sequence;

    public JoinedPlatform(ApiClient admin, LedgerDatabase database) {
        JsonNode registration = admin.post("/api/v1/platforms",
                "{\"name\":\"vm\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
        this.id = registration.get("platformId").asString();
        this.secret = registration.get("secret").asString();
        this.token = registration.get("token").asString();
        this.prefix = database.topicPrefix();
        this.producer = new KafkaProducer<>(KafkaAccess.fromRegistration(registration.get("kafka")).with(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new ByteArraySerializer());
    }

    /** A change event JSON of this platform with a fresh UUID event id. */
    public String change(String table, String op, String row) {
        return change(UUID.randomUUID().toString(), table, op, row);
    }

    String change(String eventId, String table, String op, String row) {
        return "{\"kind\":\"change\",\"eventId\":\"" + eventId + "\",\"platformId\":\"" + id + "\",\"sequence\":"
                + (++sequence) + ",\"capturedAt\":\"" + Instant.now() + "\",\"table\":\"" + table + "\",\"op\":\"" + op
                + "\",\"row\":" + row + "}";
    }

    /** A migration chunk JSON; the lists are JSON arrays (or null). */
    String chunk(String eventId, int index, int total, String networks, String pools, String ranges, String addresses) {
        StringBuilder json = new StringBuilder("{\"kind\":\"migration_chunk\",\"eventId\":\"" + eventId
                + "\",\"migrationId\":\"" + UUID.randomUUID() + "\",\"platformId\":\"" + id + "\",\"chunkIndex\":" + index
                + ",\"chunkTotal\":" + total);
        append(json, "ipnet", networks);
        append(json, "ippool", pools);
        append(json, "ippool_range", ranges);
        append(json, "ip", addresses);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String name, String list) {
        if (list != null) {
            json.append(",\"").append(name).append("\":").append(list);
        }
    }

    static String eventIdOf(String message) {
        return JSON.readTree(message).get("eventId").asString();
    }

    public void send(String... messages) {
        for (String message : messages) {
            sendSigned(message, secret);
        }
        producer.flush();
    }

    void sendSigned(String message, String signingSecret) {
        byte[] value = message.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + "changes", id, value);
        new RecordSigner(id, signingSecret).sign(record);
        producer.send(record);
        producer.flush();
    }

    /** Waits for the receipts of these event ids (each at least {@code times} times) and returns them all, in order. */
    List<ConsumerRecord<String, byte[]>> receipts(List<String> eventIds, int times) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        read(prefix + "replies." + id, record -> {
            if (eventIds.contains(record.key())) {
                found.add(record);
            }
        }, () -> eventIds.stream().allMatch(e -> found.stream().filter(r -> r.key().equals(e)).count() >= times));
        return found;
    }

    JsonNode receipt(String eventId) {
        List<ConsumerRecord<String, byte[]>> receipts = receipts(List.of(eventId), 1);
        return JSON.readTree(receipts.get(receipts.size() - 1).value());
    }

    /** The dead-letter codes of records of this platform. */
    List<String> deadLetterCodes(int atLeast) {
        List<String> codes = new ArrayList<>();
        read(prefix + "dlq", record -> {
            if (id.equals(record.key())) {
                codes.add(new String(record.headers().lastHeader("ipledger_dlq_code").value(), StandardCharsets.UTF_8));
            }
        }, () -> codes.size() >= atLeast);
        return codes;
    }

    private static void read(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each,
                             java.util.function.BooleanSupplier done) {
        // Read as the master: the DLQ is not the platform's to read.
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.access().with(Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 10_000_000)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
                return done.getAsBoolean();
            });
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
