package org.ipledger.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.schemas.KafkaAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

class EmbeddedKafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final ScramUser SUPER_USER = new ScramUser("ipledger-master", "super-secret");

    private static final Pattern LISTENER = Pattern.compile("(\\w+)://([^:,]+):(\\d+)");

    /** For the tests that need no broker of their own. */
    private static EmbeddedKafkaBroker shared;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void startSharedBroker() throws IOException {
        shared = EmbeddedKafkaBroker.start(Files.createTempDirectory("embedded-kafka-it-"), false, 0, SUPER_USER);
    }

    @AfterAll
    static void stopSharedBroker() {
        shared.close();
    }

    @Test
    void aRecordProducedToACreatedTopicIsConsumedBack() throws Exception {
        String topic = newTopic(shared);

        produce(shared, topic, "10.0.0.1", "allocated");

        assertThat(consume(shared, topic, "round-trip", 1)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("10.0.0.1");
            assertThat(record.value()).isEqualTo("allocated");
            assertThat(record.offset()).isZero();
        });
    }

    @Test
    void aClientWithoutCredentialsCannotConnect() {
        // The broker drops a connection that skips the SASL handshake: the client never gets an answer.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .withCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (Admin admin = Admin.create(access(shared, new ScramUser(SUPER_USER.name(), "guessed")).clientProperties())) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .withCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aUserWithoutAclsMayNotWriteAnyTopic() throws Exception {
        String topic = newTopic(shared);
        ScramUser nobody = new ScramUser("nobody-" + UUID.randomUUID(), "nobody-password");
        try (Admin admin = admin(shared)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(nobody.name(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), nobody.password())))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(access(shared, nobody).with(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)), new StringSerializer(), new StringSerializer())) {
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v"))
                            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .withCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void brokerAndControllerListenersAreConfiguredOnLoopbackOnly() throws Exception {
        try (Admin admin = admin(shared)) {
            Node node = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).iterator().next();
            Map<String, String> listeners = listeners(admin);

            assertThat(shared.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(node.host() + ":" + node.port()).isEqualTo(shared.bootstrapServers());
            assertThat(listeners).containsOnlyKeys("BROKER", "CONTROLLER")
                    .allSatisfy((name, address) -> assertThat(address).startsWith("127.0.0.1:"))
                    .containsEntry("BROKER", shared.bootstrapServers());
        }
    }

    @Test
    void brokerAndControllerSocketsListenOnLoopbackOnly() throws Exception {
        assumeThat(Path.of("/proc/net/tcp")).as("Linux socket table").exists();
        Set<Integer> ports;
        try (Admin admin = admin(shared)) {
            ports = listeners(admin).values().stream()
                    .map(address -> Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))
                    .collect(Collectors.toSet());
        }

        List<String> listening = ListeningSockets.onPorts(ports);

        // One listening socket per port, and that one on 127.0.0.1: none on 0.0.0.0 or [::].
        assertThat(listening).hasSize(2).allSatisfy(address -> assertThat(address).startsWith("127.0.0.1:"));
    }

    @Test
    void topicsAreNotCreatedOnFirstUse() throws Exception {
        String topic = "never-created-" + UUID.randomUUID();

        try (KafkaProducer<String, String> producer = producer(shared, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
            assertThat(producer.send(new ProducerRecord<>(topic, "k", "v"))).failsWithin(TIMEOUT)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class)
                    .withMessageContaining("not present in metadata");
        }
        try (Admin admin = admin(shared)) {
            assertThat(admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).doesNotContain(topic);
        }
    }

    @Test
    void topicsRecordsAndCommittedOffsetsSurviveARestartOnKeptData() throws Exception {
        Path dataDir = this.tempDir.resolve("kept");
        String topic;
        String clusterId;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, true, 0, SUPER_USER)) {
            topic = newTopic(first);
            produce(first, topic, "10.0.0.1", "allocated");
            produce(first, topic, "10.0.0.2", "allocated");
            assertThat(consume(first, topic, "ledger-reader", 1)).hasSize(1);
            clusterId = clusterId(first);
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir, true, 0, SUPER_USER)) {
            assertThat(clusterId(second)).isEqualTo(clusterId);
            assertThat(consume(second, topic, "fresh-reader", 2)).extracting(ConsumerRecord::key)
                    .containsExactly("10.0.0.1", "10.0.0.2");
            // The group resumes after the record it had committed: no duplicate, nothing skipped.
            assertThat(consume(second, topic, "ledger-reader", 1)).singleElement()
                    .satisfies(record -> assertThat(record.offset()).isEqualTo(1));
        }
    }

    @Test
    void aChangedSuperUserPasswordTakesEffectAtTheNextStartOnKeptData() throws Exception {
        Path dataDir = this.tempDir.resolve("password-changed");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, true, 0, SUPER_USER)) {
            newTopic(first);
        }
        ScramUser changed = new ScramUser(SUPER_USER.name(), "changed-password");

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dataDir, true, 0, changed);
                Admin admin = Admin.create(access(second, changed).clientProperties());
                Admin old = Admin.create(access(second, SUPER_USER).clientProperties())) {
            assertThat(admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasSize(1);
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> old.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .withCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void throwAwayDataIsDeletedOnClose() {
        Path dataDir = this.tempDir.resolve("throw-away");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, false, 0, SUPER_USER);
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        broker.close();

        assertThat(dataDir).doesNotExist();
    }

    @Test
    void closingTwiceStopsOnceAndFreesThePort() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(this.tempDir.resolve("twice"), false, 0, SUPER_USER);
        int port = port(broker);

        broker.close();
        broker.close();

        assertThat(Loopback.isFree(port)).isTrue();
    }

    @Test
    void aFixedPortIsUsedAsGiven() {
        int port = Loopback.freePort();

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(this.tempDir.resolve("fixed"), false, port, SUPER_USER)) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
        }
    }

    @Test
    void aFixedPortInUseIsRefusedAndTheDataDirectoryLeftUnformatted() throws IOException {
        Path dataDir = this.tempDir.resolve("port-taken");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, false, taken.getLocalPort(), SUPER_USER))
                    .withMessageContaining("Port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aSecondBrokerOnADataDirectoryInUseIsRefused() throws Exception {
        Path dataDir = this.tempDir.resolve("shared");
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dataDir, true, 0, SUPER_USER)) {
            assertThatIllegalStateException().isThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, true, 0, SUPER_USER))
                    .withMessageContaining("is in use by another embedded broker");
            assertThat(clusterId(first)).isNotBlank();
        }
    }

    @Test
    void aNonEmptyDirectoryThatIsNoDataDirectoryIsLeftAlone() throws IOException {
        Path notData = Files.createDirectories(this.tempDir.resolve("documents"));
        Files.writeString(notData.resolve("thesis.txt"), "precious");

        assertThatIllegalStateException().isThrownBy(() -> EmbeddedKafkaBroker.start(notData, false, 0, SUPER_USER))
                .withMessageContaining("neither empty nor a Kafka data directory");
        assertThat(notData.resolve("thesis.txt")).hasContent("precious");
    }

    @Test
    void aPortOutsideTheTcpRangeIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedKafkaBroker.start(this.tempDir, false, 65_536, SUPER_USER));
    }

    private static String newTopic(EmbeddedKafkaBroker broker) throws Exception {
        String topic = "ledger-" + UUID.randomUUID();
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Reads until count records arrived and commits their offsets for the group. */
    private static List<ConsumerRecord<String, String>> consume(EmbeddedKafkaBroker broker, String topic,
            String group, int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(access(broker, SUPER_USER).with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, count)),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            if (!records.isEmpty()) {
                ConsumerRecord<String, String> last = records.get(records.size() - 1);
                consumer.commitSync(Map.of(new TopicPartition(topic, last.partition()),
                        new OffsetAndMetadata(last.offset() + 1)));
            }
            return records;
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = access(broker, SUPER_USER).with(extra);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(access(broker, SUPER_USER).clientProperties());
    }

    private static KafkaAccess access(EmbeddedKafkaBroker broker, ScramUser user) {
        return KafkaAccess.loopback(broker.bootstrapServers(), user.name(), user.password());
    }

    private static String clusterId(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            return admin.describeCluster().clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The broker's {@code listeners} setting as listener name to host:port. */
    private static Map<String, String> listeners(Admin admin) throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Config config = admin.describeConfigs(List.of(node)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(node);
        Map<String, String> listeners = new TreeMap<>();
        Matcher matcher = LISTENER.matcher(config.get("listeners").value());
        while (matcher.find()) {
            listeners.put(matcher.group(1), matcher.group(2) + ":" + matcher.group(3));
        }
        return listeners;
    }

    private static int port(EmbeddedKafkaBroker broker) {
        String servers = broker.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }

}
