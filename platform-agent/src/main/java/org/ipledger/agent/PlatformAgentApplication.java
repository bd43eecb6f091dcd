package org.ipledger.agent;

import org.ipledger.web.ApiExceptionHandler;
import org.ipledger.web.HttpProperties;
import org.ipledger.web.InfoController;
import org.ipledger.web.RequestBodyLimit;
import org.ipledger.web.SecurityObservations;
import org.ipledger.web.console.SignInPage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/**
 * The integration module installed on every joined platform: joins it to the master, migrates
 * its address space, captures its later local changes, and serves its address-space API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(HttpProperties.class)
@EnableScheduling
@Import({ApiExceptionHandler.class, InfoController.class, SignInPage.class, SecurityObservations.class})
public class PlatformAgentApplication {

    /** Bodies up to {@code ipledger.http.max-body}: nothing the agent is sent is larger. */
    @Bean
    RequestBodyLimit requestBodyLimit(JsonMapper json, HttpProperties http) {
        return new RequestBodyLimit(json, http);
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * The agent's application, reading {@code platform-agent.yml} rather than
     * {@code application.yml}, so that it never takes the master's settings or gives its own to
     * a master when both run in one JVM (as in the tests).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PlatformAgentApplication.class).properties("spring.config.name=platform-agent");
    }
}
