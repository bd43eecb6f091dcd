package org.ipledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

class StoredTokenIntrospectorTests {

    private static final String UNKNOWN = "Not a token of this service.";

    private final Map<String, StoredTokenIntrospector.Holder> stored = Map.of(
            "valid", new StoredTokenIntrospector.Holder("admin@example.com", List.of(RoleNames.ADMIN), Instant.now().plusSeconds(60)),
            "expired", new StoredTokenIntrospector.Holder("admin@example.com", List.of(RoleNames.ADMIN), Instant.now().minusSeconds(1)));
    private final StoredTokenIntrospector introspector = new StoredTokenIntrospector(
            token -> Optional.ofNullable(stored.get(token)), UNKNOWN);

    @Test
    void knownTokenGrantsItsHoldersRoles() {
        OAuth2AuthenticatedPrincipal principal = introspector.introspect("valid");

        assertThat(principal.getName()).isEqualTo("admin@example.com");
        assertThat(principal.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly(RoleNames.ADMIN);
    }

    @Test
    void unknownTokenIsRefusedWithTheServicesSentence() {
        assertThatThrownBy(() -> introspector.introspect("other")).isInstanceOf(BadOpaqueTokenException.class).hasMessage(UNKNOWN);
    }

    @Test
    void expiredTokenIsRefusedAsExpired() {
        assertThatThrownBy(() -> introspector.introspect("expired")).isInstanceOf(BadOpaqueTokenException.class)
                .hasMessage(JsonSecurityErrors.EXPIRED);
    }
}
