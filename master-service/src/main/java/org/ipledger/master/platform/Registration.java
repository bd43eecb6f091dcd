package org.ipledger.master.platform;

/**
 * The answer to a registration: the platform's id, the secret its agent signs every Kafka record
 * with, its bearer token for the REST API (role {@code @platform}; a new registration replaces
 * it), and where that Kafka is.
 */
public record Registration(String platformId, String secret, String token, KafkaSettings kafka) {

    /** How an agent reaches the master's Kafka. */
    public record KafkaSettings(String bootstrapServers, String topicPrefix) {
    }
}
