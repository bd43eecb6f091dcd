package org.ipledger.agent;

import org.ipledger.web.ApiExceptionHandler;
import org.ipledger.web.InfoController;
import org.ipledger.web.console.SignInPage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The integration module installed on every joined platform: joins it to the master, migrates
 * its address space, captures its later local changes, and serves its address-space API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ApiExceptionHandler.class, InfoController.class, SignInPage.class})
public class PlatformAgentApplication {

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
