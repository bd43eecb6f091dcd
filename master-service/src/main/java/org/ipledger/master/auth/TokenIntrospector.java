package org.ipledger.master.auth;

import org.ipledger.web.StoredTokenIntrospector;
import org.springframework.stereotype.Component;

/** Resolves a bearer token against the token tables (users' and platforms') for Spring Security's resource server. */
@Component
class TokenIntrospector extends StoredTokenIntrospector {

    static final String UNKNOWN = "The bearer token is not valid; log in again.";

    TokenIntrospector(TokenStore tokens) {
        super(tokens::holder, UNKNOWN);
    }
}
