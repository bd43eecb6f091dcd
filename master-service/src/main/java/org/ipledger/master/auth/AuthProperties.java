package org.ipledger.master.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings.
 *
 * @param tokenTtl how long a bearer token from {@code POST /api/v1/auth/login} stays valid
 * @param tokenCache how long a token's user and roles are remembered before they are read again
 */
@ConfigurationProperties("ipledger.auth")
public record AuthProperties(@DefaultValue("12h") Duration tokenTtl, @DefaultValue("1s") Duration tokenCache) {
}
