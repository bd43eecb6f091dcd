package org.ipledger.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Resolves a bearer token for Spring Security's resource server against where a service keeps its
 * tokens: the holder's roles become the authorities; an unknown token is refused with the
 * service's sentence and an expired one with {@link JsonSecurityErrors#EXPIRED}, which
 * {@link JsonSecurityErrors} answers as {@code invalid_token} and {@code token_expired}.
 */
public class StoredTokenIntrospector implements OpaqueTokenIntrospector {

    /** Who holds a token, the roles it grants, and until when. */
    public record Holder(String name, List<String> roles, Instant expiresAt) {

        public boolean expired() {
            return !Instant.now().isBefore(expiresAt);
        }
    }

    private final Function<String, Optional<Holder>> holders;
    private final String unknown;

    /**
     * @param holders the holder of a token, whether or not it has expired
     * @param unknown the sentence for a token the service does not know
     */
    public StoredTokenIntrospector(Function<String, Optional<Holder>> holders, String unknown) {
        this.holders = holders;
        this.unknown = unknown;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Holder holder = holders.apply(token).orElseThrow(() -> new BadOpaqueTokenException(unknown));
        if (holder.expired()) {
            throw new BadOpaqueTokenException(JsonSecurityErrors.EXPIRED);
        }
        return new DefaultOAuth2AuthenticatedPrincipal(holder.name(), Map.of("sub", holder.name()),
                holder.roles().stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList());
    }
}
