package org.ipledger.agent.integration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code GET /api/v1/integration}: the state and what an operator needs to act on
 * it. Never the secret or the token.
 *
 * @param error the stable code of the last failure, in state {@code failed}
 * @param migration rows done and total while migrating
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrationStatus(String state, String masterUrl, String platformId, String error, String message,
        AddressSpaceTransfer.Progress migration) {

    static IntegrationStatus of(Integration integration, java.util.Optional<AddressSpaceTransfer.Progress> progress) {
        return new IntegrationStatus(integration.state().code(), integration.masterUrl().orElse(null),
                integration.platformId().orElse(null), integration.error().orElse(null),
                integration.errorMessage().orElse(null),
                integration.state() == IntegrationState.MIGRATING ? progress.orElse(null) : null);
    }
}
