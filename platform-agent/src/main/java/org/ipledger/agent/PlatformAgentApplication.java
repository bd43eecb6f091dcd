package org.ipledger.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The integration module installed on every joined platform: joins it to the master, migrates
 * its address space, captures its later local changes, and serves its address-space API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformAgentApplication.class, args);
    }
}
