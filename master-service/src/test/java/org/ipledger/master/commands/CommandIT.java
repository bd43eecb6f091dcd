package org.ipledger.master.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.signing.RecordSigner;
import org.ipledger.testing.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Commands on Kafka: signed, answered on the platform's replies topic, once in effect, poison parked. */
class CommandIT extends OneMaster {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String platformId;
    private static String secret;
    private static KafkaAccess access;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void registerPlatform() {
        JsonNode registration = api.post("/api/v1/platforms",
                "{\"name\":\"vm\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
        platformId = registration.get("platformId").asString();
        secret = registration.get("secret").asString();
        access = KafkaAccess.fromRegistration(registration.get("kafka"));
        producer = new KafkaProducer<>(access.with(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void allocateCommandIsAnsweredOnThePlatformsRepliesTopicWithTheCorrelationId() {
        long pool = new RestFixture(api).poolWithRange("10.100.0.0/24", "10.100.0.1", "10.100.0.99");
        String correlation = UUID.randomUUID().toString();

        send(String.valueOf(pool), allocate(UUID.randomUUID().toString(), pool), secret, correlation);

        ConsumerRecord<String, byte[]> reply = replyFor(correlation).get(0);
        JsonNode body = JSON.readTree(reply.value());
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("result").get("addresses").get(0).get("address").asString()).isEqualTo("10.100.0.1");
        assertThat(api.get("/api/v1/platforms?limit=1000").body()).contains(platformId, "lastSeenAt");
    }

    @Test
    void allocationsOnOnePoolDeliveredTogetherShareOneTransaction() {
        long pool = new RestFixture(api).poolWithRange("10.109.0.0/24", "10.109.0.1", "10.109.0.99");
        long versionBefore = database.count("SELECT version FROM ippool WHERE id = ?", pool);
        List<String> correlations = new ArrayList<>();
        // One produce request, so the master fetches them in one poll.
        try (KafkaProducer<String, byte[]> together = new KafkaProducer<>(access.with(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 60_000)), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                String correlation = UUID.randomUUID().toString();
                correlations.add(correlation);
                together.send(signed(String.valueOf(pool), allocate(UUID.randomUUID().toString(), pool), correlation));
            }
            together.flush();
        }

        correlations.forEach(correlation -> assertThat(JSON.readTree(replyFor(correlation).get(0).value())
                .get("ok").asBoolean()).isTrue());
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(5);
        // Each transaction that changes a pool's addresses makes one new version of it.
        assertThat(database.count("SELECT version FROM ippool WHERE id = ?", pool)).isEqualTo(versionBefore + 1);
    }

    @Test
    void aCommandDeliveredThreeTimesHasOneEffectAndThreeIdenticalReplies() {
        long pool = new RestFixture(api).poolWithRange("10.101.0.0/24", "10.101.0.1", "10.101.0.99");
        String requestId = UUID.randomUUID().toString();
        byte[] command = allocate(requestId, pool);
        String correlation = UUID.randomUUID().toString();

        for (int i = 0; i < 3; i++) {
            send(String.valueOf(pool), command, secret, correlation);
        }
        send(String.valueOf(pool), command, secret, UUID.randomUUID().toString());

        List<ConsumerRecord<String, byte[]>> replies = replyFor(correlation, 3);
        assertThat(replies).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsOnly(
                new String(replies.get(0).value(), StandardCharsets.UTF_8));
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(1);
    }

    @Test
    void aRefusedCommandRedeliveredGetsTheSameRefusalWhileANewAttemptIsJudgedAfresh() throws Exception {
        RestFixture rest = new RestFixture(api);
        long pool = rest.poolWithRange("10.110.0.0/24", "10.110.0.1", "10.110.0.1");
        assertThat(rest.allocate(pool).status()).isEqualTo(201);
        String requestId = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        RecordMetadata sent = producer.send(signed(String.valueOf(pool), allocate(requestId, pool), refused)).get();
        assertThat(JSON.readTree(replyFor(refused).get(0).value()).get("error").asString()).isEqualTo("pool_exhausted");
        assertThat(api.delete("/api/v1/addresses/10.110.0.1").status()).isEqualTo(204);

        // As after a crash between the replies and the offset commit: the refused record comes again.
        MessageListenerContainer commands = master.bean(KafkaListenerEndpointRegistry.class).getListenerContainer("ipledger-commands");
        commands.stop();
        try (Admin admin = Admin.create(SharedKafka.access().clientProperties())) {
            admin.alterConsumerGroupOffsets("ipledger-master", Map.of(new TopicPartition(sent.topic(), sent.partition()),
                    new OffsetAndMetadata(sent.offset()))).all().get();
        }
        commands.start();

        List<ConsumerRecord<String, byte[]>> replies = replyFor(refused, 2);
        assertThat(new String(replies.get(1).value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(replies.get(0).value(), StandardCharsets.UTF_8));
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isZero();
        String again = UUID.randomUUID().toString();
        send(String.valueOf(pool), allocate(requestId, pool), secret, again);
        assertThat(JSON.readTree(replyFor(again).get(0).value()).get("result").get("addresses").get(0).get("address")
                .asString()).isEqualTo("10.110.0.1");
    }

    @Test
    void poisonRecordsAreParkedWithTheirReasonAndTrafficBehindThemIsServed() {
        long pool = new RestFixture(api).poolWithRange("10.102.0.0/24", "10.102.0.1", "10.102.0.99");
        String key = String.valueOf(pool);
        send(key, "garbage \u0000 bytes".getBytes(StandardCharsets.UTF_8), secret, null);
        send(key, "{\"requestId\":\"x\",\"platformId\":\"p\",\"type\":\"allocate\"}".getBytes(StandardCharsets.UTF_8), secret, null);
        send(key, allocate(UUID.randomUUID().toString(), pool), "0".repeat(64), null);
        ProducerRecord<String, byte[]> unknown = new ProducerRecord<>(database.topicPrefix() + "commands", key,
                allocate(UUID.randomUUID().toString(), pool));
        new RecordSigner("nobody-00000000", secret).sign(unknown);
        producer.send(unknown);
        String correlation = UUID.randomUUID().toString();
        send(key, allocate(UUID.randomUUID().toString(), pool), secret, correlation);

        assertThat(JSON.readTree(replyFor(correlation).get(0).value()).get("ok").asBoolean()).isTrue();
        List<String> codes = deadLetterCodes(key, 4);
        assertThat(codes).hasSize(4);
        assertThat(codes).contains("signature_mismatch", "unknown_platform");
    }

    @Test
    void aReplayedCommandAskingForAnotherReplyTopicIsParkedUnexecutedAndAnsweredNowhereElse() {
        long pool = new RestFixture(api).poolWithRange("10.104.0.0/24", "10.104.0.1", "10.104.0.99");
        String key = String.valueOf(pool);
        String requestId = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        String ledger = database.topicPrefix() + "ledger";
        String other = database.topicPrefix() + "replies." + registerAnother();

        for (String foreign : List.of(ledger, other)) {
            ProducerRecord<String, byte[]> replayed = signed(key, allocate(requestId, pool), correlation);
            replayed.headers().add("kafka_replyTopic", foreign.getBytes(StandardCharsets.UTF_8));
            producer.send(replayed);
        }
        producer.flush();

        assertThat(deadLetterCodes(key, 2)).containsExactly("reply_topic_mismatch", "reply_topic_mismatch");
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isZero();
        assertThat(database.count("SELECT COUNT(*) FROM processed_command WHERE request_id = ?", requestId)).isZero();
        for (String topic : List.of(ledger, other, database.topicPrefix() + "replies." + platformId)) {
            assertThat(recordsWithCorrelation(topic, correlation)).as(topic).isZero();
        }
    }

    @Test
    void unreadableRoutingHeadersParkTheCommandAndTrafficBehindItIsServed() {
        long pool = new RestFixture(api).poolWithRange("10.105.0.0/24", "10.105.0.1", "10.105.0.99");
        String key = String.valueOf(pool);
        ProducerRecord<String, byte[]> shortPartition = signed(key, allocate(UUID.randomUUID().toString(), pool), null);
        shortPartition.headers().add("kafka_replyPartition", new byte[] {0, 1});
        ProducerRecord<String, byte[]> missingPartition = signed(key, allocate(UUID.randomUUID().toString(), pool), null);
        missingPartition.headers().add("kafka_replyPartition", new byte[] {0, 0, 0, 9});
        ProducerRecord<String, byte[]> emptyTopic = signed(key, allocate(UUID.randomUUID().toString(), pool), null);
        emptyTopic.headers().add("kafka_replyTopic", null);
        List.of(shortPartition, missingPartition, emptyTopic).forEach(producer::send);
        String correlation = UUID.randomUUID().toString();
        send(key, allocate(UUID.randomUUID().toString(), pool), secret, correlation);

        assertThat(JSON.readTree(replyFor(correlation).get(0).value()).get("ok").asBoolean()).isTrue();
        assertThat(deadLetterCodes(key, 3)).containsExactly("malformed_reply_partition", "malformed_reply_partition",
                "reply_topic_mismatch");
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(1);
    }

    @Test
    void aCommandWhoseSignatureWasMadeForAnotherTopicOrKeyIsRefused() {
        long pool = new RestFixture(api).poolWithRange("10.106.0.0/24", "10.106.0.1", "10.106.0.99");
        String key = String.valueOf(pool);
        String requestId = UUID.randomUUID().toString();
        byte[] command = allocate(requestId, pool);
        ProducerRecord<String, byte[]> forChanges = new ProducerRecord<>(database.topicPrefix() + "changes", key, command);
        new RecordSigner(platformId, secret).sign(forChanges);
        ProducerRecord<String, byte[]> forOtherKey = new ProducerRecord<>(database.topicPrefix() + "commands", "structure", command);
        new RecordSigner(platformId, secret).sign(forOtherKey);

        producer.send(new ProducerRecord<>(database.topicPrefix() + "commands", null, key, command, forChanges.headers()));
        producer.send(new ProducerRecord<>(database.topicPrefix() + "commands", null, key, command, forOtherKey.headers()));
        producer.flush();

        assertThat(deadLetterCodes(key, 2)).containsExactly("signature_mismatch", "signature_mismatch");
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isZero();
    }

    @Test
    void twoPlatformsUsingTheSameRequestIdEachGetTheirOwnEffectAndReply() {
        long pool = new RestFixture(api).poolWithRange("10.107.0.0/24", "10.107.0.1", "10.107.0.99");
        String requestId = UUID.randomUUID().toString();
        JsonNode registration = api.post("/api/v1/platforms",
                "{\"name\":\"dci\",\"kind\":\"dcimanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
        String second = registration.get("platformId").asString();
        String first = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        send(String.valueOf(pool), allocate(requestId, pool), secret, first);
        ProducerRecord<String, byte[]> theirs = new ProducerRecord<>(database.topicPrefix() + "commands", String.valueOf(pool),
                allocate(requestId, pool, second));
        theirs.headers().add("kafka_correlationId", other.getBytes(StandardCharsets.UTF_8));
        new RecordSigner(second, registration.get("secret").asString()).sign(theirs);
        producer.send(theirs);
        producer.flush();

        JsonNode mine = JSON.readTree(replyFor(first).get(0).value());
        List<ConsumerRecord<String, byte[]>> answered = new ArrayList<>();
        readAll(database.topicPrefix() + "replies." + second, 1, record -> answered.add(record));
        JsonNode their = JSON.readTree(answered.get(0).value());
        assertThat(mine.get("result").get("addresses").get(0).get("address").asString()).isEqualTo("10.107.0.1");
        assertThat(their.get("result").get("addresses").get(0).get("address").asString()).isEqualTo("10.107.0.2");
        assertThat(database.count("SELECT COUNT(*) FROM processed_command WHERE request_id = ?", requestId)).isEqualTo(2);
    }

    @Test
    void createNetworkCommandIsAppliedOnceAndAnsweredLikeTheRestApi() {
        String requestId = UUID.randomUUID().toString();
        byte[] command = ("{\"requestId\":\"" + requestId + "\",\"platformId\":\"" + platformId
                + "\",\"type\":\"create_network\",\"cidr\":\"10.103.0.0/24\",\"name\":\"by kafka\"}")
                .getBytes(StandardCharsets.UTF_8);
        String correlation = UUID.randomUUID().toString();

        send("structure", command, secret, correlation);
        send("structure", command, secret, correlation);

        List<ConsumerRecord<String, byte[]>> replies = replyFor(correlation, 2);
        assertThat(JSON.readTree(replies.get(0).value()).get("result").get("cidr").asString()).isEqualTo("10.103.0.0/24");
        assertThat(replies.get(1).value()).isEqualTo(replies.get(0).value());
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.103.0.0'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE platform_id = ?", platformId)).isEqualTo(1);
    }

    @Test
    void aCommandSignedWithTheSecretOfAnEarlierRegistrationIsRefused() {
        long pool = new RestFixture(api).poolWithRange("10.108.0.0/24", "10.108.0.1", "10.108.0.99");
        String instance = UUID.randomUUID().toString();
        String platform = "{\"name\":\"again\",\"kind\":\"vmmanager\",\"instanceId\":\"" + instance + "\"}";
        String oldSecret = api.post("/api/v1/platforms", platform).json().get("secret").asString();
        JsonNode again = api.post("/api/v1/platforms", platform).json();
        String other = again.get("platformId").asString();
        String key = String.valueOf(pool);
        String stale = UUID.randomUUID().toString();
        String current = UUID.randomUUID().toString();

        try (KafkaProducer<String, byte[]> own = new KafkaProducer<>(KafkaAccess.fromRegistration(again.get("kafka"))
                .clientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            own.send(command(other, oldSecret, key, allocate(stale, pool, other)));
            own.send(command(other, again.get("secret").asString(), key, allocate(current, pool, other)));
            own.flush();
        }

        assertThat(deadLetterCodes(key, 1)).containsExactly("signature_mismatch");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", current) == 1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", stale)).isZero();
    }

    private static byte[] allocate(String requestId, long pool) {
        return allocate(requestId, pool, platformId);
    }

    private static byte[] allocate(String requestId, long pool, String platform) {
        return ("{\"requestId\":\"" + requestId + "\",\"platformId\":\"" + platform + "\",\"type\":\"allocate\",\"poolId\":"
                + pool + ",\"count\":1}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(String key, byte[] value, String signingSecret, String correlation) {
        producer.send(signed(key, value, signingSecret, correlation));
        producer.flush();
    }

    private static ProducerRecord<String, byte[]> signed(String key, byte[] value, String correlation) {
        return signed(key, value, secret, correlation);
    }

    /** A command record of this platform, signed with {@code signingSecret}, with the correlation id if any. */
    private static ProducerRecord<String, byte[]> signed(String key, byte[] value, String signingSecret, String correlation) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(database.topicPrefix() + "commands", key, value);
        new RecordSigner(platformId, signingSecret).sign(record);
        if (correlation != null) {
            record.headers().add("kafka_correlationId", correlation.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static ProducerRecord<String, byte[]> command(String platform, String signingSecret, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(database.topicPrefix() + "commands", key, value);
        new RecordSigner(platform, signingSecret).sign(record);
        return record;
    }

    private static String registerAnother() {
        return api.post("/api/v1/platforms", "{\"name\":\"other\",\"kind\":\"dcimanager\",\"instanceId\":\""
                + UUID.randomUUID() + "\"}").json().get("platformId").asString();
    }

    /** The dead-letter codes of the first {@code count} parked records with this key, in order. */
    private static List<String> deadLetterCodes(String key, int count) {
        List<String> codes = new ArrayList<>();
        readAll(database.topicPrefix() + "dlq", count, record -> {
            if (key.equals(record.key())) {
                codes.add(new String(record.headers().lastHeader("ipledger_dlq_code").value(), StandardCharsets.UTF_8));
            }
        }, () -> codes.size() >= count);
        return codes;
    }

    /** How many records of the topic's first partition carry the correlation id, once the master had time to answer. */
    private static long recordsWithCorrelation(String topic, String correlation) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.access().clientProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    var header = record.headers().lastHeader("kafka_correlationId");
                    if (header != null && correlation.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
            }
        }
        return found.size();
    }

    private static List<ConsumerRecord<String, byte[]>> replyFor(String correlation) {
        return replyFor(correlation, 1);
    }

    private static List<ConsumerRecord<String, byte[]>> replyFor(String correlation, int count) {
        List<ConsumerRecord<String, byte[]>> replies = new ArrayList<>();
        readAll(database.topicPrefix() + "replies." + platformId, count, record -> {
            if (record.headers().lastHeader("kafka_correlationId") != null && correlation.equals(
                    new String(record.headers().lastHeader("kafka_correlationId").value(), StandardCharsets.UTF_8))) {
                replies.add(record);
            }
        }, () -> replies.size() >= count);
        return replies;
    }

    private static void readAll(String topic, int count, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        int[] seen = {0};
        readAll(topic, count, record -> {
            seen[0]++;
            each.accept(record);
        }, () -> seen[0] >= count);
    }

    private static void readAll(String topic, int count, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each,
                                java.util.function.BooleanSupplier done) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(SharedKafka.access().clientProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
                return done.getAsBoolean();
            });
        }
    }
}
