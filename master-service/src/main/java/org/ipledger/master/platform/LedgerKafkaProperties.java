package org.ipledger.master.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of ipledger beyond Spring's {@code spring.kafka.*}.
 *
 * @param topicPrefix prefix of every ipledger topic
 * @param advertisedBootstrapServers the bootstrap servers given to agents, when they reach Kafka
 *        by another address than the master does
 * @param partitions partitions of the changes and commands topics
 * @param replicationFactor replicas of every topic (1 for the embedded broker, 3 on a cluster)
 * @param embeddedPort port of the embedded broker, used when no {@code spring.kafka.bootstrap-servers}
 *        is given; fixed by default so agents find it again after a restart
 * @param listenerConcurrency consumers of the changes and commands topics in this instance
 */
@ConfigurationProperties("ipledger.kafka")
public record LedgerKafkaProperties(
        @DefaultValue("ipledger.") String topicPrefix,
        String advertisedBootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("9092") int embeddedPort,
        @DefaultValue("3") int listenerConcurrency) {
}
