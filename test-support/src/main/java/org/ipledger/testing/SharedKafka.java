package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import java.util.UUID;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.ScramUser;
import org.ipledger.schemas.KafkaAccess;
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

    /** The master's principal by default, and the broker's super user. */
    public static final String MASTER_USER = "ipledger-master";

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

    /** The super user's password: give it to a master as {@code ipledger.kafka.password}. */
    public static String masterPassword() {
        return FIXTURE.get().superUser().password();
    }

    /** How a client reaches the shared broker as its super user. */
    public static KafkaAccess access() {
        EmbeddedKafkaBroker broker = FIXTURE.get();
        return KafkaAccess.loopback(broker.bootstrapServers(), broker.superUser().name(), broker.superUser().password());
    }

    private static EmbeddedKafkaBroker startBroker() {
        try {
            return EmbeddedKafkaBroker.start(Files.createTempDirectory("ipledger-test-kafka-"), false, 0,
                    new ScramUser(MASTER_USER, UUID.randomUUID().toString()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a data directory for the shared Kafka broker", ex);
        }
    }

}
