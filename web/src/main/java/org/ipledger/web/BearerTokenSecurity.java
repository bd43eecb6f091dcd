package org.ipledger.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * The part of the security filter chain master and agent share; each adds who may do what.
 * Stateless, and without CSRF protection because no cookie authenticates a request: only the
 * bearer token, resolved by the service's introspector, with 401 and 403 as the JSON error body.
 */
public final class BearerTokenSecurity {

    private BearerTokenSecurity() {
    }

    public static HttpSecurity apply(HttpSecurity http, OpaqueTokenIntrospector introspector, JsonSecurityErrors errors)
            throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server
                        .opaqueToken(token -> token.introspector(introspector))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    }
}
