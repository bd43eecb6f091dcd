package org.ipledger.master.platform;

import java.nio.file.Path;

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
 * @param username the master's SCRAM-SHA-512 principal
 * @param password its password; required with an external cluster, generated at the first start
 *        and kept in the data directory for the embedded broker when not given
 * @param securityProtocol {@code SASL_SSL} or {@code SASL_PLAINTEXT} against an external cluster;
 *        when not given, SASL_SSL if {@code ssl.ca-file} is set, otherwise SASL_PLAINTEXT (only for
 *        a broker on the same host). The embedded broker is always SASL_PLAINTEXT on loopback.
 * @param ssl TLS settings for an external cluster
 */
@ConfigurationProperties("ipledger.kafka")
public record LedgerKafkaProperties(
        @DefaultValue("ipledger.") String topicPrefix,
        String advertisedBootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("9092") int embeddedPort,
        @DefaultValue("3") int listenerConcurrency,
        @DefaultValue("ipledger-master") String username,
        String password,
        String securityProtocol,
        @DefaultValue Ssl ssl) {

    /**
     * @param caFile PEM file of the CA that signed the brokers' certificates; it is also handed to
     *        agents at registration
     */
    public record Ssl(Path caFile) {
    }
}
