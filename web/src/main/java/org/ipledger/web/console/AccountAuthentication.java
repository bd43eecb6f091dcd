package org.ipledger.web.console;

import org.ipledger.web.ApiException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

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
                    accounts.signIn(email, password).stream().map(SimpleGrantedAuthority::new).toList());
        } catch (ApiException e) {
            throw new BadCredentialsException(e.getMessage(), e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
