package org.ipledger.embedded;

import java.nio.file.Path;
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
 * @param dataDir the log directory, which also holds the KRaft metadata log
 * @param port the client (broker) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 */
record BrokerSettings(Path dataDir, int port, int controllerPort) {

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
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", BROKER_LISTENER);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("log.dirs", this.dataDir.toString());
        properties.putAll(brokerSession());
        properties.putAll(singleNodeTopics());
        properties.putAll(retention());
        return properties;
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
