package org.ipledger.agent.auth;

import java.util.Map;

import org.ipledger.web.JsonSecurityErrors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/** Resolves a bearer token against the logins made through this agent; works with the master down. */
@Component
class SessionIntrospector implements OpaqueTokenIntrospector {

    static final String UNKNOWN = "The bearer token was not issued through this agent; log in with POST /api/v1/auth/login.";

    private final Sessions sessions;

    SessionIntrospector(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Sessions.Session session = sessions.find(token).orElseThrow(() -> new BadOpaqueTokenException(UNKNOWN));
        if (session.expired()) {
            throw new BadOpaqueTokenException(JsonSecurityErrors.EXPIRED);
        }
        return new DefaultOAuth2AuthenticatedPrincipal(session.email(), Map.of("sub", session.email()),
                session.roles().stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList());
    }
}
