package org.ipledger.agent.integration;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.signing.RecordSigner;

/**
 * What the master gave this platform when it joined: everything a part of the agent needs to talk
 * to it over REST and Kafka.
 *
 * @param masterUrl the master's REST base URL
 * @param platformId this platform's id on the master
 * @param secret the HMAC key every record this agent produces is signed with
 * @param token this platform's REST credential on the master (role {@code @platform})
 * @param kafka the master's Kafka and this platform's login there
 * @param topics the master's topic names
 */
public record MasterLink(String masterUrl, String platformId, String secret, String token, KafkaAccess kafka,
        Topics topics) {

    /** Signs records as this platform. */
    public RecordSigner signer() {
        return new RecordSigner(platformId, secret);
    }

    /** Producer settings for records to the master: every write acknowledged by all replicas. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> properties = kafka.clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return properties;
    }

    /**
     * Consumer settings for one of this agent's consumer groups, named after its purpose under
     * {@code ipledger-agent-<platformId>}, the prefix of the groups this platform may use.
     */
    public Map<String, Object> consumerProperties(String purpose) {
        Map<String, Object> properties = kafka.clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ipledger-agent-" + platformId + "-" + purpose);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }

    static Optional<MasterLink> of(Integration integration) {
        return integration.platformId().map(id -> new MasterLink(integration.masterUrl().orElseThrow(), id,
                integration.secret().orElseThrow(), integration.token().orElseThrow(),
                integration.kafka().orElseThrow(() -> new IllegalStateException("joined without a Kafka login: "
                        + "register the platform again")),
                new Topics(integration.topicPrefix().orElseThrow())));
    }
}
