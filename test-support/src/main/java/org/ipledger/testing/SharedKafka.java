package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Kafka broker (KRaft, one node, 127.0.0.1 only) shared by every test of a JVM: the same
 * {@link EmbeddedKafkaBroker} as the services' embedded mode, on a throw-away data directory.
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
 * <p>As in production, topics are not created on first use: the code under test, or the test,
 * creates them (an {@code Admin} client, {@code NewTopic} beans). Each test should use topic and
 * consumer group names of its own, since all tests of the JVM share the broker.
 */
public final class SharedKafka implements BeforeAllCallback {

    private static final SharedFixture<EmbeddedKafkaBroker> FIXTURE =
            new SharedFixture<>("shared Kafka broker", SharedKafka::startBroker);

    @Override
    public void beforeAll(ExtensionContext context) {
        FIXTURE.stopWhenRunEnds(context);
    }

    /** {@code 127.0.0.1:PORT} of the shared broker, started if this is the first use. */
    public static String bootstrapServers() {
        return FIXTURE.get().bootstrapServers();
    }

    private static EmbeddedKafkaBroker startBroker() {
        try {
            return EmbeddedKafkaBroker.start(Files.createTempDirectory("ipledger-test-kafka-"), false, 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a data directory for the shared Kafka broker", ex);
        }
    }

}
