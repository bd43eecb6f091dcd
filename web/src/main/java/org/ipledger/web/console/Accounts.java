package org.ipledger.web.console;

import java.util.List;

import org.ipledger.web.ApiException;

/**
 * How a service checks a console sign-in: the same check as its {@code POST /api/v1/auth/login},
 * so the console has the API's accounts, and the API's refusals (wrong password, too many
 * attempts) in the API's words.
 */
@FunctionalInterface
public interface Accounts {

    /**
     * @param clientAddress the browser's address, counted by the login throttle as for the API
     * @return the roles of the account signed in
     * @throws ApiException when the service refuses the sign-in; its message is shown on the page
     */
    List<String> signIn(String email, String password, String clientAddress);
}
