package org.ipledger.agent.console;

import org.ipledger.agent.integration.OperatorSignIn;
import org.ipledger.web.RoleNames;
import org.ipledger.web.console.ConsoleSecurity;
import org.ipledger.web.console.PlainResourceUrls;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The agent console's session chain, checked before the API's bearer-token chain: signed in by
 * {@link OperatorSignIn}; the integration's pages need the setup token or {@code @admin}, as the
 * integration's API does; the platform's view of the address space needs any signed-in user.
 */
@Configuration(proxyBeanMethods = false)
@Import(PlainResourceUrls.class)
class ConsoleConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, OperatorSignIn operators) throws Exception {
        ConsoleSecurity.apply(http, operators)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/integration/**").hasAnyAuthority(OperatorSignIn.SETUP, RoleNames.ADMIN)
                        .anyRequest().authenticated());
        return http.build();
    }
}
