package org.ipledger.web.console;

import org.ipledger.web.ApiException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Spring Security's form login checked by the service's {@link Accounts}: the account's roles
 * become the session's authorities, and a refusal keeps the service's sentence for the page.
 */
final class AccountAuthentication implements AuthenticationProvider {

    private final Accounts accounts;

    AccountAuthentication(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = attempt.getName();
        String password = String.valueOf(attempt.getCredentials());
        try {
            return UsernamePasswordAuthenticationToken.authenticated(email, null,
                    accounts.signIn(email, password, clientAddress(attempt)).stream().map(SimpleGrantedAuthority::new).toList());
        } catch (ApiException e) {
            throw new BadCredentialsException(e.getMessage(), e);
        }
    }

    /** Form login's details carry the peer address; without them the sign-in counts as local. */
    private static String clientAddress(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "127.0.0.1";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
