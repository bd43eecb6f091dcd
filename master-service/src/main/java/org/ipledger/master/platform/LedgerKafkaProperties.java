package org.ipledger.master.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of ipledger beyond Spring's {@code spring.kafka.*}.
 *
 * @param topicPrefix prefix of every ipledger topic
 * @param advertisedBootstrapServers the bootstrap servers given to agents, when they reach Kafka
 *        by another address than the master does
 */
@ConfigurationProperties("ipledger.kafka")
public record LedgerKafkaProperties(@DefaultValue("ipledger.") String topicPrefix, String advertisedBootstrapServers) {
}
