package org.ipledger.master.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.ipledger.web.ApiException;
import org.ipledger.web.RoleNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator on the first start, from {@code IPLEDGER_ADMIN_EMAIL} and
 * {@code IPLEDGER_ADMIN_PASSWORD}; without a password it generates one and prints it once. It
 * does so before the web servers start, not after as an {@code ApplicationRunner} would: a login
 * that comes as soon as the port answers (an agent that joins at its start) finds the administrator.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final UserService users;
    private final AdminProperties admin;

    FirstAdministrator(UserService users, AdminProperties admin) {
        this.users = users;
        this.admin = admin;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.anyUser()) {
            return;
        }
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? generatedPassword() : admin.password();
        try {
            users.create(new UserRequest(admin.emailOrDefault(), password, List.of(RoleNames.ADMIN)));
        } catch (ApiException e) {
            // Another master instance starting at the same moment created it first.
            return;
        }
        if (generated) {
            log.warn("Created the first administrator {} with the generated password {} (shown only once; "
                    + "set IPLEDGER_ADMIN_EMAIL and IPLEDGER_ADMIN_PASSWORD to choose them).", admin.emailOrDefault(), password);
        } else {
            log.info("Created the first administrator {}", admin.emailOrDefault());
        }
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
