package org.ipledger.master.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.ipledger.client.CommandClient;
import org.ipledger.master.ApiClient;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A platform's Kafka login, on the real broker with its authorizer: it can do what its agent needs
 * and nothing more, a new registration replaces it and a detach revokes it.
 */
class PlatformKafkaAccessIT extends OneMaster {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aPlatformCanDoEverythingItsAgentNeeds() throws Exception {
        long pool = new RestFixture(api).poolWithRange("10.120.0.0/24", "10.120.0.1", "10.120.0.99");
        JsonNode platform = register();
        String platformId = platform.get("platformId").asString();
        KafkaAccess kafka = KafkaAccess.fromRegistration(platform.get("kafka"));
        Topics topics = new Topics(database.topicPrefix());

        // Commands out, replies back in a consumer group of its own.
        try (CommandClient client = CommandClient.start(kafka, topics, platformId, platform.get("secret").asString(), 3)) {
            assertThat(client.send(new AllocateCommand(UUID.randomUUID().toString(), platformId, pool, 1,
                    Optional.empty(), Optional.empty()), Duration.ofSeconds(10)).ok()).isTrue();
        }
        // Changes out.
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topics.changes(), platformId, new byte[0])).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        // The ledger read and its position committed, as the replica does.
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, "ipledger-agent-" + platformId + "-replica")) {
            consumer.subscribe(List.of(topics.ledger()));
            Awaitility.await().atMost(TIMEOUT).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            consumer.commitSync();
        }
    }

    @Test
    void aPlatformCannotReadAnotherPlatformsRepliesNorTheDeadLetters() {
        JsonNode a = register();
        String b = register().get("platformId").asString();
        Topics topics = new Topics(database.topicPrefix());
        KafkaAccess kafka = KafkaAccess.fromRegistration(a.get("kafka"));

        for (String topic : List.of(topics.replies(b), topics.deadLetters())) {
            try (KafkaConsumer<String, byte[]> consumer = consumer(kafka, "ipledger-agent-" + a.get("platformId").asString())) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                assertThatExceptionOfType(TopicAuthorizationException.class).as(topic)
                        .isThrownBy(() -> consumer.poll(TIMEOUT));
            }
        }
    }

    @Test
    void aPlatformCannotWriteTheLedgerNorAnyRepliesTopic() {
        JsonNode a = register();
        String b = register().get("platformId").asString();
        Topics topics = new Topics(database.topicPrefix());

        try (KafkaProducer<String, byte[]> producer = producer(KafkaAccess.fromRegistration(a.get("kafka")))) {
            for (String topic : List.of(topics.ledger(), topics.replies(a.get("platformId").asString()), topics.replies(b))) {
                assertThatExceptionOfType(ExecutionException.class).as(topic)
                        .isThrownBy(() -> producer.send(new ProducerRecord<>(topic, "forged", new byte[0]))
                                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .withCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void registeringAgainReplacesThePlatformsPassword() {
        String instance = UUID.randomUUID().toString();
        KafkaAccess first = KafkaAccess.fromRegistration(register(instance).get("kafka"));

        KafkaAccess second = KafkaAccess.fromRegistration(register(instance).get("kafka"));

        assertThat(loginFailure(second)).isEmpty();
        Awaitility.await().atMost(TIMEOUT).until(() -> loginFailure(first).isPresent());
        assertThat(loginFailure(first)).containsInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aDetachedPlatformCanNoLongerLogInNorUseItsToken() {
        JsonNode platform = register();
        KafkaAccess kafka = KafkaAccess.fromRegistration(platform.get("kafka"));
        assertThat(loginFailure(kafka)).isEmpty();

        assertThat(api.delete("/api/v1/platforms/" + platform.get("platformId").asString()).status()).isEqualTo(204);

        assertThat(api.withToken(platform.get("token").asString()).get("/api/v1/networks").status()).isEqualTo(401);
        Awaitility.await().atMost(TIMEOUT).until(() -> loginFailure(kafka).isPresent());
        assertThat(loginFailure(kafka)).containsInstanceOf(SaslAuthenticationException.class);
        assertThat(database.count("SELECT COUNT(*) FROM platform WHERE id = ? AND state = 'detached'",
                platform.get("platformId").asString())).isEqualTo(1);
    }

    @Test
    void aPlatformDetachesItselfWithItsOwnTokenAndTheTokenStopsWorking() {
        JsonNode platform = register();
        String platformId = platform.get("platformId").asString();
        ApiClient own = api.withToken(platform.get("token").asString());
        KafkaAccess kafka = KafkaAccess.fromRegistration(platform.get("kafka"));

        assertThat(own.delete("/api/v1/platforms/" + platformId).status()).isEqualTo(204);

        assertThat(own.get("/api/v1/networks").status()).isEqualTo(401);
        Awaitility.await().atMost(TIMEOUT).until(() -> loginFailure(kafka).isPresent());
        assertThat(loginFailure(kafka)).containsInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aPlatformCannotDetachAnotherPlatform() {
        JsonNode a = register();
        String b = register().get("platformId").asString();

        ApiClient.Response refused = api.withToken(a.get("token").asString()).delete("/api/v1/platforms/" + b);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(database.count("SELECT COUNT(*) FROM platform WHERE id = ? AND state = 'detached'", b)).isZero();
    }

    @Test
    void detachingAnUnknownPlatformIsNotFound() {
        assertThat(api.delete("/api/v1/platforms/vmmanager-00000000").status()).isEqualTo(404);
    }

    /** Why a login fails, if it does: a fresh client each time, since a client keeps its connection. */
    private static Optional<Throwable> loginFailure(KafkaAccess kafka) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (Exception e) {
            return Optional.of(e);
        }
    }

    private static JsonNode register() {
        return register(UUID.randomUUID().toString());
    }

    private static JsonNode register(String instanceId) {
        return api.post("/api/v1/platforms",
                "{\"name\":\"acl\",\"kind\":\"vmmanager\",\"instanceId\":\"" + instanceId + "\"}").json();
    }

    private static KafkaProducer<String, byte[]> producer(KafkaAccess kafka) {
        return new KafkaProducer<>(kafka.with(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)), new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaAccess kafka, String group) {
        return new KafkaConsumer<>(kafka.with(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
