package org.ipledger.master.auth;

import java.util.Map;

import org.ipledger.web.JsonSecurityErrors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/** Resolves a bearer token against the token table for Spring Security's resource server. */
@Component
class TokenIntrospector implements OpaqueTokenIntrospector {

    static final String UNKNOWN = "The bearer token is not valid; log in again.";

    private final TokenStore tokens;

    TokenIntrospector(TokenStore tokens) {
        this.tokens = tokens;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        TokenStore.Holder holder = tokens.holder(token).orElseThrow(() -> new BadOpaqueTokenException(UNKNOWN));
        if (holder.expired()) {
            throw new BadOpaqueTokenException(JsonSecurityErrors.EXPIRED);
        }
        return new DefaultOAuth2AuthenticatedPrincipal(holder.email(), Map.of("sub", holder.email()),
                holder.roles().stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList());
    }
}
