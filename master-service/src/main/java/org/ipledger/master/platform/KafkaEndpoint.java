package org.ipledger.master.platform;

/** Where agents reach the master's Kafka, and the prefix of its topics. */
public interface KafkaEndpoint {

    String bootstrapServers();

    String topicPrefix();
}
