package org.ipledger.master.platform;

import java.util.Optional;

/** Where agents reach the master's Kafka, over what, and the prefix of its topics. */
public interface KafkaEndpoint {

    String bootstrapServers();

    String topicPrefix();

    /** {@code SASL_SSL} or {@code SASL_PLAINTEXT}, as the master itself connects. */
    String securityProtocol();

    String saslMechanism();

    /** PEM of the brokers' CA, when configured. */
    Optional<String> caCertificate();
}
