package org.ipledger.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The integration module installed on every joined platform. A skeleton until the platform agent
 * issue: it starts and answers {@code GET /api/v1/info}.
 */
@SpringBootApplication
public class PlatformAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformAgentApplication.class, args);
    }
}
