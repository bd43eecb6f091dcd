package org.ipledger.agent.auth;

import org.ipledger.web.StoredTokenIntrospector;
import org.springframework.stereotype.Component;

/** Resolves a bearer token against the logins made through this agent ({@link Sessions}); works with the master down. */
@Component
class SessionIntrospector extends StoredTokenIntrospector {

    static final String UNKNOWN = "The bearer token was not issued through this agent, or the master has revoked it; "
            + "log in with POST /api/v1/auth/login.";

    SessionIntrospector(Sessions sessions) {
        super(sessions::find, UNKNOWN);
    }
}
