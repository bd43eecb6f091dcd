package org.ipledger.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node in KRaft combined mode, running in this JVM: what {@code kafka-storage.sh format}
 * and {@code kafka-server-start.sh} do, without their command lines.
 *
 * <p>The only class that touches Kafka's server internals ({@code kafka.server}, the storage
 * {@code Formatter}). They are no public API and may change with any Kafka release; a Kafka
 * upgrade needs a look here first.
 */
final class KraftNode {

    private static final Logger log = LoggerFactory.getLogger(KraftNode.class);

    private final KafkaRaftServer server;

    private KraftNode(KafkaRaftServer server) {
        this.server = server;
    }

    /**
     * Formats an empty directory as the log and metadata directory of {@link BrokerSettings#NODE_ID},
     * at the newest production metadata version of the Kafka on the classpath, with superUser's
     * SCRAM credential in the metadata log: under KRaft a credential lives there, and the first
     * one can only be added at format time ({@code kafka-storage.sh format --add-scram}).
     */
    static void format(Path directory, String clusterId, ScramUser superUser) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream console = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter().setPrintStream(console)
                    .setNodeId(BrokerSettings.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(BrokerSettings.CONTROLLER_LISTENER)
                    .addDirectory(directory.toString())
                    .setMetadataLogDirectory(directory.toString())
                    // Static voters: see BrokerSettings.
                    .setHasDynamicQuorum(false)
                    .setScramArguments(List.of(BrokerSettings.SCRAM_MECHANISM + "=[name=" + superUser.name()
                            + ",password=" + superUser.password() + "]"))
                    .run();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not format " + directory + " for Kafka: " + output, ex);
        }
        log.debug("Formatted {}: {}", directory, output.toString(StandardCharsets.UTF_8).strip());
    }

    /**
     * Starts broker and controller and returns once the broker serves clients.
     *
     * @throws PortInUseException if a listener port was taken
     */
    static KraftNode start(Map<String, String> properties) {
        BrokerLogLevels.quietUnlessConfigured();
        // false: do not log all ~400 settings at INFO.
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
        try {
            server.startup();
            return new KraftNode(server);
        }
        catch (RuntimeException ex) {
            // startup() leaves the controller running when the broker fails to start.
            stop(server);
            if (causedByBindFailure(ex)) {
                throw new PortInUseException("Kafka could not bind its ports " + properties.get("listeners"), ex);
            }
            throw ex;
        }
    }

    /** Shuts down broker then controller cleanly and waits for both. */
    void stop() {
        stop(this.server);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** A listener port was in use. */
    static final class PortInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
