package org.ipledger.agent.auth;

import org.ipledger.web.BearerTokenSecurity;
import org.ipledger.web.JsonSecurityErrors;
import org.ipledger.web.LoginThrottle;
import org.ipledger.web.LoginThrottleSettings;
import org.ipledger.web.RoleNames;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.ObjectMapper;

/**
 * Who may do what on the agent, as on the master: login, info, health and the integration's
 * state are open; join, preflight, drain and detach need the agent's setup token or an
 * {@code @admin} token (the integration's {@code SetupAccess}); logging out and reading the
 * address space need a token from {@code POST /api/v1/auth/login}; changing it needs {@code @admin}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleSettings.class)
class AgentSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SessionIntrospector introspector, JsonSecurityErrors errors) throws Exception {
        BearerTokenSecurity.apply(http, introspector, errors)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/logout").authenticated()
                        // Setup token or @admin, checked by the integration's SetupAccess.
                        .requestMatchers(HttpMethod.POST, "/api/v1/integration/preflight", "/api/v1/integration/drain")
                        .permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/v1/integration").permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/integration").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/info", "/api/v1/integration", "/actuator/health/**",
                                "/actuator/health", "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
                        .requestMatchers("/api/v1/**").hasAuthority(RoleNames.ADMIN)
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    LoginThrottle loginThrottle(LoginThrottleSettings settings) {
        return new LoginThrottle(settings);
    }

    /** 401 and 403 as the API's JSON error body, as on the master. */
    @Bean
    JsonSecurityErrors jsonSecurityErrors(ObjectMapper json) {
        return new JsonSecurityErrors(json, SessionIntrospector.UNKNOWN);
    }
}
