package org.ipledger.embedded;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of an embedded Kafka node: broker and controller in one process (KRaft
 * combined mode), loopback only, sized for one node and a handful of services.
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}): the voter's address lives
 * in this configuration, not in the metadata log, so the controller may listen on another port
 * after a restart on the same data directory.
 *
 * <p>Durability is Kafka's default: an acknowledged record is in the page cache, and on disk once
 * the OS flushes it. A killed JVM loses nothing acknowledged; a crash of the whole host may lose
 * the last seconds, since one node has no replica to recover them from.
 *
 * <p>Security: clients authenticate with SCRAM-SHA-512 over SASL_PLAINTEXT (loopback only, so no
 * TLS), and Kafka's {@code StandardAuthorizer} grants nothing that no ACL allows. The super user
 * is the one SCRAM user added at format time (and set again at every start, see
 * {@link SuperUserCredential}); the broker also uses it for its inter-broker
 * listener. The controller listener cannot use SCRAM: its credentials live in the metadata log
 * that the controller itself serves, so the broker half logs in to it with SASL/PLAIN as a
 * controller user whose password is drawn anew at every start and known only to this JVM. That
 * user may also log in to the broker listener with PLAIN, to set the super user's credential.
 *
 * @param dataDir the log directory, which also holds the KRaft metadata log
 * @param port the client (broker) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 * @param superUser the SCRAM user allowed everything
 * @param controllerPassword the controller user's password
 */
record BrokerSettings(Path dataDir, int port, int controllerPort, ScramUser superUser, String controllerPassword) {

    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** A name no SCRAM user can take: SCRAM users are not valid on the controller listener. */
    private static final String CONTROLLER_USER = "ipledger_controller";

    /** The only node: broker and sole voter of the controller quorum. */
    static final int NODE_ID = 1;

    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final String BROKER_LISTENER = "BROKER";

    private static final String ONE = "1";

    /** Segments roll at this size, so that retention can delete old data long before 1 GiB. */
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;

    /**
     * The log cleaner allocates its dedupe buffer at start, whether or not a topic is compacted:
     * 128 MiB of heap by default. 16 MiB still compacts about 700,000 keys per pass.
     */
    private static final long CLEANER_DEDUPE_BUFFER_BYTES = 16L * 1024 * 1024;

    /** The {@code server.properties} of this node. */
    Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        String broker = BROKER_LISTENER + "://" + Loopback.ADDRESS + ":" + this.port;
        String controller = CONTROLLER_LISTENER + "://" + Loopback.ADDRESS + ":" + this.controllerPort;
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + Loopback.ADDRESS + ":" + this.controllerPort);
        properties.put("listeners", broker + "," + controller);
        properties.put("advertised.listeners", broker);
        properties.put("listener.security.protocol.map",
                BROKER_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        properties.put("inter.broker.listener.name", BROKER_LISTENER);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("log.dirs", this.dataDir.toString());
        properties.putAll(authentication());
        properties.putAll(authorization());
        properties.putAll(brokerSession());
        properties.putAll(singleNodeTopics());
        properties.putAll(retention());
        return properties;
    }

    /**
     * An {@code Admin} client of the broker logged in as the controller user, which needs no SCRAM
     * credential (the controller itself does not serve credential changes to clients).
     */
    Map<String, Object> internalClient() {
        return Map.of(
                "bootstrap.servers", Loopback.ADDRESS + ":" + this.port,
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", controllerLogin(false));
    }

    private Map<String, String> authentication() {
        String broker = "listener.name." + BROKER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        String controller = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        return Map.of(
                // PLAIN for the controller user alone, whose password only this JVM knows.
                broker + "sasl.enabled.mechanisms", SCRAM_MECHANISM + ",PLAIN",
                broker + "plain.sasl.jaas.config", controllerLogin(true),
                broker + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + this.superUser.name() + "\" password=\"" + this.superUser.password() + "\";",
                "sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM,
                controller + "sasl.enabled.mechanisms", "PLAIN",
                controller + "plain.sasl.jaas.config", controllerLogin(true),
                "sasl.mechanism.controller.protocol", "PLAIN");
    }

    /**
     * The controller user's PLAIN login (username, password) and, for a listener, whom it accepts
     * ({@code user_<name>}).
     */
    private String controllerLogin(boolean accepting) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER_USER
                + "\" password=\"" + this.controllerPassword + "\""
                + (accepting ? " user_" + CONTROLLER_USER + "=\"" + this.controllerPassword + "\"" : "") + ";";
    }

    private Map<String, String> authorization() {
        return Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found", "false",
                "super.users", "User:" + this.superUser.name() + ";User:" + CONTROLLER_USER);
    }

    /**
     * A broker that died without deregistering (killed JVM, power loss) keeps its registration
     * until its session expires, and the restarted broker cannot register before: a session of
     * 3 s instead of Kafka's 9 s lets it start again within seconds of a crash. Broker and
     * controller share this JVM, so heartbeats cross no network; the session still outlasts a GC
     * pause of a few seconds.
     */
    private static Map<String, String> brokerSession() {
        return Map.of(
                "broker.heartbeat.interval.ms", "500",
                "broker.session.timeout.ms", "3000");
    }

    /**
     * One replica of everything, and as few partitions as will do: a cluster of one cannot place
     * Kafka's default three replicas of its internal topics, and creating fifty partitions of
     * {@code __consumer_offsets} delays the first consumer group by seconds.
     */
    private static Map<String, String> singleNodeTopics() {
        return Map.ofEntries(
                // Topics are created explicitly by the services, with the partitions they need; a
                // misspelt topic name then fails instead of silently creating a new topic.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", ONE),
                Map.entry("default.replication.factor", ONE),
                Map.entry("min.insync.replicas", ONE),
                Map.entry("offsets.topic.replication.factor", ONE),
                Map.entry("offsets.topic.num.partitions", ONE),
                Map.entry("transaction.state.log.replication.factor", ONE),
                Map.entry("transaction.state.log.min.isr", ONE),
                Map.entry("transaction.state.log.num.partitions", ONE),
                Map.entry("share.coordinator.state.topic.replication.factor", ONE),
                Map.entry("share.coordinator.state.topic.min.isr", ONE),
                Map.entry("share.coordinator.state.topic.num.partitions", ONE),
                // The first consumer of a new group starts at once instead of waiting 3 s for others.
                Map.entry("group.initial.rebalance.delay.ms", "0"));
    }

    /**
     * Kafka's week of retention, with segments small enough for it to take effect on a quiet
     * embedded install; topics that must keep everything set their own retention.
     */
    private static Map<String, String> retention() {
        return Map.of(
                "log.retention.hours", "168",
                "log.segment.bytes", String.valueOf(SEGMENT_BYTES),
                "log.cleaner.dedupe.buffer.size", String.valueOf(CLEANER_DEDUPE_BUFFER_BYTES));
    }

}
