package org.ipledger.master;

import org.ipledger.web.ApiExceptionHandler;
import org.ipledger.web.InfoController;
import org.ipledger.web.console.SignInPage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The authoritative ledger of ipledger: database, allocation engine and REST API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ApiExceptionHandler.class, InfoController.class, SignInPage.class})
public class MasterServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MasterServiceApplication.class, args);
    }
}
