package org.ipledger.master.platform;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.springframework.stereotype.Component;

/**
 * The signing secrets of registered platforms, remembered briefly since every record is checked;
 * a record that does not verify with the remembered secret is checked again with the stored one.
 */
@Component
class RegisteredPlatformSecrets implements PlatformSecrets {

    private final PlatformRepository platforms;
    private final Cache<String, Optional<String>> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(10)).maximumSize(10_000).build();

    RegisteredPlatformSecrets(PlatformRepository platforms) {
        this.platforms = platforms;
    }

    @Override
    public Optional<String> secretOf(String platformId) {
        return recent.get(platformId, platforms::secret);
    }

    /**
     * Read from the table, past what is remembered: a platform that registered again through
     * another master instance signs with a secret this one has not seen yet.
     */
    @Override
    public Optional<String> currentSecretOf(String platformId) {
        Optional<String> secret = platforms.secret(platformId);
        recent.put(platformId, secret);
        return secret;
    }

    /** Drops what is remembered of the platform's secret after this instance changed it. */
    void forget(String platformId) {
        recent.invalidate(platformId);
    }
}
