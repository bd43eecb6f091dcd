package org.ipledger.schemas.signing;

import java.util.Map;
import java.util.Optional;

/** Where a verifier finds the signing secret of a platform, e.g. the master's platform table. */
@FunctionalInterface
public interface PlatformSecrets {

    /** The secret of a registered platform; empty for a platform the master does not know. */
    Optional<String> secretOf(String platformId);

    /**
     * The secret as stored now, for a record that {@link #secretOf} did not verify: a source that
     * remembers secrets reads it again, since the platform may just have been given a new one.
     */
    default Optional<String> currentSecretOf(String platformId) {
        return secretOf(platformId);
    }

    /** Secrets from a fixed map, for tests and embedded use. */
    static PlatformSecrets of(Map<String, String> secretsByPlatformId) {
        Map<String, String> secrets = Map.copyOf(secretsByPlatformId);
        return platformId -> Optional.ofNullable(secrets.get(platformId));
    }
}
