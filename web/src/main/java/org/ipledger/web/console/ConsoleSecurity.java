package org.ipledger.web.console;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security filter chain of the console, the pages a browser opens, which master and agent
 * share: every path outside the API's ({@code /api/**}, {@code /v3/**}, {@code /actuator/**}),
 * signed in by form into a session cookie, so forms carry a CSRF token (Spring Security's
 * default). The API keeps its own stateless bearer-token chain, which this one must precede.
 * Each service adds who may do what.
 */
public final class ConsoleSecurity {

    /** Where a browser signs in; open to all, like the style sheet and htmx. */
    public static final String SIGN_IN = "/signin";
    private static final String[] OPEN = {SIGN_IN, "/console/**", "/webjars/**", "/favicon.ico", "/error"};

    private ConsoleSecurity() {
    }

    /** The console's paths: everything the API's chain does not answer. */
    public static RequestMatcher paths() {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        return new NegatedRequestMatcher(new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/v3/**"),
                path.matcher("/actuator/**")));
    }

    public static HttpSecurity apply(HttpSecurity http, Accounts accounts) throws Exception {
        return http.securityMatcher(paths())
                .authenticationProvider(new AccountAuthentication(accounts))
                .formLogin(form -> form.loginPage(SIGN_IN).usernameParameter("email").passwordParameter("password")
                        .defaultSuccessUrl("/", false).failureUrl(SIGN_IN + "?error").permitAll())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl(SIGN_IN + "?signedout"))
                .authorizeHttpRequests(requests -> requests.requestMatchers(OPEN).permitAll());
    }
}
