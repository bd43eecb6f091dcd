package org.ipledger.master.platform;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.springframework.stereotype.Component;

/** The signing secrets of registered platforms, remembered briefly: every record is checked. */
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
}
