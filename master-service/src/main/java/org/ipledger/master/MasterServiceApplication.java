package org.ipledger.master;

import org.ipledger.web.ApiExceptionHandler;
import org.ipledger.web.HttpProperties;
import org.ipledger.web.InfoController;
import org.ipledger.web.RequestBodyLimit;
import org.ipledger.web.SecurityObservations;
import org.ipledger.web.console.SignInPage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** The authoritative ledger of ipledger: database, allocation engine and REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(HttpProperties.class)
@EnableScheduling
@Import({ApiExceptionHandler.class, InfoController.class, SignInPage.class, SecurityObservations.class})
public class MasterServiceApplication {

    /** Bodies up to {@code ipledger.http.max-body}; a preflight, carrying a platform's whole address space, up to its own limit. */
    @Bean
    RequestBodyLimit requestBodyLimit(JsonMapper json, HttpProperties http) {
        return new RequestBodyLimit(json, http, "/api/v1/preflight", "/api/v1/platforms/{platformId}/preflight");
    }

    public static void main(String[] args) {
        SpringApplication.run(MasterServiceApplication.class, args);
    }
}
