package org.ipledger.master.console;

import java.util.Optional;

import org.ipledger.master.auth.LoginRequest;
import org.ipledger.master.auth.UserService;
import org.ipledger.web.RoleNames;
import org.ipledger.web.console.ConsoleSecurity;
import org.ipledger.web.console.PlainResourceUrls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The console's session chain, checked before the API's bearer-token chain: the master's users
 * sign in through {@link UserService#signIn}, the API's own check, throttled per account and client address alike; any signed-in user reads, and
 * only {@code @admin} changes anything or sees the users, as in the API.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlainResourceUrls.class)
class ConsoleConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, UserService users) throws Exception {
        ConsoleSecurity.apply(http, (email, password, client) -> users.signIn(new LoginRequest(email, password), Optional.of(client)).roles())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/users", "/users/**").hasAuthority(RoleNames.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/**").authenticated()
                        .anyRequest().hasAuthority(RoleNames.ADMIN));
        return http.build();
    }
}
