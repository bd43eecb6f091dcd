package org.ipledger.agent.integration;

import java.util.List;

import org.ipledger.agent.auth.ForwardedLogins;
import org.ipledger.web.ApiException;
import org.ipledger.web.console.Accounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may open the agent's console: its operator with the {@link SetupToken} (given as the
 * password with no e-mail), who can configure the integration before any master is known; or,
 * once the platform has joined, a user of the master, whose password the master checks as for
 * the API's login, throttled alike.
 */
@Component
public class OperatorSignIn implements Accounts {

    /** The authority of a console session opened with the setup token. */
    public static final String SETUP = "@setup";

    private final SetupToken token;
    private final IntegrationService integration;
    private final ForwardedLogins logins;

    OperatorSignIn(SetupToken token, IntegrationService integration, ForwardedLogins logins) {
        this.token = token;
        this.integration = integration;
        this.logins = logins;
    }

    @Override
    public List<String> signIn(String email, String password, String clientAddress) {
        if (email == null || email.isBlank()) {
            if (!token.matches(password)) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_setup_token", "That is not this agent's setup "
                        + "token (file " + SetupToken.FILE_NAME + " in its data directory).");
            }
            return List.of(SETUP);
        }
        if (!integration.current().state().joined()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "integration_not_configured",
                    "This platform has not joined a master, which holds the users: sign in with the setup token.");
        }
        return logins.signIn(email, password, clientAddress);
    }
}
