package org.ipledger.embedded;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running in this JVM on 127.0.0.1, broker and KRaft controller in
 * one: the message broker of the services' embedded mode and of the integration tests.
 *
 * <p>Built from Kafka's own server ({@code kafka_2.13}), not from a test kit, so it has no test
 * dependencies. Both listeners, the broker's and the controller's, are bound to 127.0.0.1 alone.
 * Clients authenticate with SASL/SCRAM-SHA-512 (security protocol {@code SASL_PLAINTEXT}: no TLS
 * on loopback), and Kafka's {@code StandardAuthorizer} lets a client do only what an ACL allows,
 * except the super user given at start, who may do everything (create other users and their
 * ACLs with an {@code Admin} client).
 *
 * <p>Topics are not created on first use ({@code auto.create.topics.enable=false}): create them
 * with an {@code Admin} client or {@code NewTopic} beans. Internal topics and new topics get one
 * replica and, unless asked for more, one partition.
 *
 * <p>With Logback as the SLF4J backend, the broker's own loggers ({@code kafka.*} and the server
 * packages of {@code org.apache.kafka}) log at WARN unless the application sets their level, and
 * the configuration dumps of a healthy start are dropped: otherwise Kafka logs about 1,400 lines
 * per start and stop at INFO.
 *
 * <p>The broker is stopped by {@link #close()} or, failing that, by a JVM shutdown hook. A fatal
 * error inside Kafka (e.g. its metadata log becoming unreadable) halts the whole JVM, as it would
 * halt a standalone broker. Run one broker per JVM: two would work, but they share Kafka's
 * JVM-wide metrics registry under the same node id, so their metrics would be unreliable.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** A randomly chosen free port can be taken before Kafka binds it; then we pick again. */
    private static final int PORT_ATTEMPTS = 3;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrokerDataDirectory dataDir;

    private final boolean keepData;

    private final int port;

    private final KraftNode node;

    private final ScramUser superUser;

    private final Thread shutdownHook;

    private boolean closed;

    private EmbeddedKafkaBroker(BrokerDataDirectory dataDir, boolean keepData, int port, KraftNode node,
            ScramUser superUser) {
        this.dataDir = dataDir;
        this.superUser = superUser;
        this.keepData = keepData;
        this.port = port;
        this.node = node;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-" + port + "-shutdown");
    }

    /**
     * Starts a broker on 127.0.0.1 and returns once it serves clients.
     *
     * @param dataDir the log directory, also holding the KRaft metadata; formatted with a new
     *        cluster id if missing or empty, reused with its cluster id, topics and committed
     *        offsets otherwise
     * @param keepData true to keep the data on {@link #close()}, so that a later start on the same
     *        directory reuses it (the services' embedded mode); false for a throw-away directory
     *        that close deletes (tests)
     * @param port the client port, or 0 for a free one; the controller always gets a free one
     * @param superUser the SCRAM user allowed everything; its credential is set at every start, so
     *        a changed password takes effect at the next start
     * @return the running broker
     * @throws IllegalStateException if the directory is in use by another broker or holds
     *         something else, or if the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir, boolean keepData, int port, ScramUser superUser) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (port != 0 && !Loopback.isFree(port)) {
            throw new IllegalStateException("Port " + port + " on " + Loopback.ADDRESS + " is in use");
        }
        long startedAt = System.nanoTime();
        BrokerDataDirectory directory = BrokerDataDirectory.open(dataDir.toAbsolutePath().normalize(), superUser);
        try {
            EmbeddedKafkaBroker broker = startNode(directory, keepData, port, superUser);
            log.info("Kafka broker ready on {} in {} ms (cluster {}, data in {}, {})", broker.bootstrapServers(),
                    (System.nanoTime() - startedAt) / 1_000_000, directory.clusterId(), directory.path(),
                    keepData ? "kept" : "deleted on close");
            return broker;
        }
        catch (RuntimeException ex) {
            directory.close();
            if (!keepData) {
                FileTree.delete(directory.path());
            }
            throw ex;
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Loopback.ADDRESS + ":" + this.port;
    }

    /** The SCRAM user allowed everything. */
    public ScramUser superUser() {
        return this.superUser;
    }

    /**
     * Shuts the broker down cleanly, so that the next start on kept data needs no log recovery,
     * and, unless the data is kept, deletes it. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        try {
            this.node.stop();
        }
        finally {
            this.dataDir.close();
            if (!this.keepData) {
                FileTree.delete(this.dataDir.path());
            }
            removeShutdownHook();
        }
        log.info("Kafka broker on port {} stopped", this.port);
    }

    private static EmbeddedKafkaBroker startNode(BrokerDataDirectory directory, boolean keepData, int port,
            ScramUser superUser) {
        for (int attempt = 1;; attempt++) {
            int chosen = (port != 0) ? port : Loopback.freePort();
            BrokerSettings settings = new BrokerSettings(directory.path(), chosen, controllerPort(chosen), superUser,
                    controllerPassword());
            try {
                KraftNode node = KraftNode.start(settings.properties());
                try {
                    SuperUserCredential.apply(settings);
                }
                catch (RuntimeException ex) {
                    node.stop();
                    throw ex;
                }
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(directory, keepData, chosen, node, superUser);
                Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
                return broker;
            }
            catch (KraftNode.PortInUseException ex) {
                if (attempt == PORT_ATTEMPTS) {
                    throw ex;
                }
                log.debug("A port was taken before Kafka bound it; choosing others", ex);
            }
        }
    }

    /** Only this JVM's broker half logs in to its controller half: a new password every start will do. */
    private static String controllerPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int controllerPort(int brokerPort) {
        int controllerPort = Loopback.freePort();
        while (controllerPort == brokerPort) {
            controllerPort = Loopback.freePort();
        }
        return controllerPort;
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // The JVM is shutting down, possibly in this very hook.
        }
    }

}
