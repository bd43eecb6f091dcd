package org.ipledger.master.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created on the first start when there is no user yet; set through
 * {@code IPLEDGER_ADMIN_EMAIL} and {@code IPLEDGER_ADMIN_PASSWORD}. Without a password one is
 * generated and printed once.
 */
@ConfigurationProperties("ipledger.admin")
public record AdminProperties(String email, String password) {

    public String emailOrDefault() {
        return email == null || email.isBlank() ? "admin@example.com" : email;
    }
}
