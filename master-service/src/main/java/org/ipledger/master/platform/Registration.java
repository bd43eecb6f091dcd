package org.ipledger.master.platform;

/**
 * The answer to a registration: the platform's id, the secret its agent signs every Kafka record
 * with, its bearer token for the REST API (role {@code @platform}; a new registration replaces
 * it), and where that Kafka is and how the agent logs in to it.
 */
public record Registration(String platformId, String secret, String token, KafkaSettings kafka) {

    /**
     * How an agent reaches and logs in to the master's Kafka.
     *
     * @param password the platform's SCRAM password; a new registration replaces it
     * @param caCertificate PEM of the brokers' CA, or null when the JVM's own trust will do
     */
    public record KafkaSettings(String bootstrapServers, String topicPrefix, String securityProtocol,
                                String saslMechanism, String username, String password, String caCertificate) {
    }
}
