package org.ipledger.agent.integration;

import java.util.Optional;

import org.ipledger.schemas.KafkaAccess;

/**
 * The stored integration: its state and, once joined, what the master gave the platform.
 *
 * @param error a stable code when {@link IntegrationState#FAILED} (or a reported problem)
 */
public record Integration(IntegrationState state, Optional<String> masterUrl, Optional<String> platformId,
        Optional<String> secret, Optional<String> token, Optional<KafkaAccess> kafka,
        Optional<String> topicPrefix, Optional<String> error, Optional<String> errorMessage) {

    /** The link to the master, once the platform has joined. */
    public Optional<MasterLink> link() {
        return MasterLink.of(this);
    }
}
