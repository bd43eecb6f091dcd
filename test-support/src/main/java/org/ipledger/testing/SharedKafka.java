package org.ipledger.testing;

import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The in-process Kafka broker (KRaft, one node) shared by every test of a JVM. Topics are
 * created on first use with one partition.
 *
 * <pre>
 * &#64;ExtendWith(SharedKafka.class)
 * class LedgerPublisherIT {
 *
 *     &#64;DynamicPropertySource
 *     static void kafka(DynamicPropertyRegistry registry) {
 *         registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
 *     }
 * }
 * </pre>
 *
 * The extension only arranges for the broker to stop when the run ends; the broker starts on the
 * first call to {@link #bootstrapServers()}. Safe to call from tests running in parallel.
 *
 * <p>Clients reach the broker on 127.0.0.1, but its ports are bound on all interfaces: the Kafka
 * test kit under {@link EmbeddedKafkaKraftBroker} pre-binds them on the wildcard address.
 */
public final class SharedKafka implements BeforeAllCallback {

    private static final String LOOPBACK = "127.0.0.1";

    private static final SharedFixture<RunningBroker> FIXTURE =
            new SharedFixture<>("shared Kafka broker", SharedKafka::startBroker);

    @Override
    public void beforeAll(ExtensionContext context) {
        FIXTURE.stopWhenRunEnds(context);
    }

    /** {@code 127.0.0.1:PORT} of the shared broker, started if this is the first use. */
    public static String bootstrapServers() {
        return FIXTURE.get().bootstrapServers();
    }

    private static RunningBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                // Clients are told to connect to 127.0.0.1. The sockets themselves listen on the
                // wildcard address: Kafka's test kit pre-binds every listener's port that way,
                // whatever host is configured here.
                "listeners", "EXTERNAL://" + LOOPBACK + ":0,CONTROLLER://" + LOOPBACK + ":0",
                // One broker: internal topics cannot have the default three replicas.
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                // Fifty offsets partitions make the first consumer group join seconds slower.
                "offsets.topic.num.partitions", "1"));
        // By default the broker also sets the JVM-wide system property
        // spring.kafka.bootstrap-servers, which would silently configure every Spring context in
        // the test JVM. Point it at the property it sets anyway instead.
        broker.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        try {
            broker.afterPropertiesSet();
        }
        catch (RuntimeException ex) {
            // The cluster may be up even though the start failed.
            broker.destroy();
            throw ex;
        }
        String advertised = broker.getBrokersAsString();
        String port = advertised.substring(advertised.lastIndexOf(':') + 1);
        // The test kit reports localhost:PORT; a client could then try ::1 first.
        return new RunningBroker(broker, LOOPBACK + ":" + port);
    }

    /** The broker with the address clients use. */
    private record RunningBroker(EmbeddedKafkaKraftBroker broker, String bootstrapServers) implements AutoCloseable {

        @Override
        public void close() {
            this.broker.destroy();
        }

    }

}
