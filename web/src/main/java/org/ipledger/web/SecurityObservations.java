package org.ipledger.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security's observations off: they time every filter of every request's chain (a dozen
 * per request on the hot path) and feed no metric or trace anyone reads here; the request itself
 * is still timed ({@code http.server.requests}). Switching them off in the observation registry
 * alone still wraps each filter in a decorator that starts a no-op observation; these settings
 * leave the chain undecorated.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityObservations {

    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
