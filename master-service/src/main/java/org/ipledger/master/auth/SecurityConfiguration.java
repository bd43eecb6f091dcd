package org.ipledger.master.auth;

import java.util.function.Supplier;

import org.ipledger.web.BearerTokenSecurity;
import org.ipledger.web.JsonSecurityErrors;
import org.ipledger.web.LoginThrottle;
import org.ipledger.web.LoginThrottleSettings;
import org.ipledger.web.RoleNames;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what: login, the instance info, health and the OpenAPI document are open; logging
 * out and reading the address space need a token; changing it, and anything about users, needs {@code @admin}. A
 * platform's own token ({@code @platform}) reads, and runs its own preflight and reads its own
 * conflicts, and detaches itself, but never writes.
 */
@Configuration
@EnableConfigurationProperties(LoginThrottleSettings.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenIntrospector introspector, JsonSecurityErrors errors) throws Exception {
        BearerTokenSecurity.apply(http, introspector, errors)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/logout").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/info", "/v3/api-docs/**", "/actuator/health/**",
                                "/actuator/health", "/actuator/prometheus").permitAll()
                        .requestMatchers("/api/v1/users/**", "/api/v1/users").hasAuthority(RoleNames.ADMIN)
                        .requestMatchers("/api/v1/platforms/{platformId}/preflight", "/api/v1/platforms/{platformId}/conflicts")
                        .access(SecurityConfiguration::adminOrThatPlatform)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/platforms/{platformId}")
                        .access(SecurityConfiguration::adminOrThatPlatform)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
                        .requestMatchers("/api/v1/**").hasAuthority(RoleNames.ADMIN)
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottleSettings settings) {
        return new LoginThrottle(settings);
    }

    /** An administrator, or the platform the path names with its own token. */
    private static AuthorizationDecision adminOrThatPlatform(Supplier<? extends Authentication> authentication,
                                                             RequestAuthorizationContext context) {
        String platform = RoleNames.platform(context.getVariables().get("platformId"));
        return new AuthorizationDecision(authentication.get().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals(RoleNames.ADMIN) || a.equals(platform)));
    }

    /** 401 and 403 as the API's JSON error body. */
    @Bean
    JsonSecurityErrors jsonSecurityErrors(JsonMapper json) {
        return new JsonSecurityErrors(json, TokenIntrospector.UNKNOWN);
    }

    /** The standard delegating encoder: bcrypt today, with the algorithm named in each hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
