package org.ipledger.agent.auth;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.ipledger.web.ApiException;
import org.ipledger.web.LoginThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A login through this agent, for the API and the console alike: the master checks the password,
 * and the agent counts failures per client address as well as per account, since only the agent
 * sees the clients' addresses.
 */
@Component
public class ForwardedLogins {

    private final MasterAuth master;
    private final LoginThrottle throttle;
    private final ObjectMapper json;

    ForwardedLogins(MasterAuth master, LoginThrottle throttle, ObjectMapper json) {
        this.master = master;
        this.throttle = throttle;
        this.json = json;
    }

    /** The master's answer as it came, once counted. */
    HttpResponse<String> login(JsonNode credentials, String clientAddress) {
        String email = credentials.path("email").asString("");
        Optional<String> client = Optional.of(clientAddress);
        throttle.check(email, client);
        HttpResponse<String> answer = master.login(credentials);
        if (answer.statusCode() == 200) {
            throttle.succeeded(email);
        } else if (answer.statusCode() == 401 && answer.body().contains("\"invalid_credentials\"")) {
            throttle.failed(email, client);
        }
        return answer;
    }

    /**
     * A console sign-in: the roles the master gives the user.
     *
     * @throws ApiException the master's refusal, in its words
     */
    public List<String> signIn(String email, String password, String clientAddress) {
        HttpResponse<String> answer = login(json.createObjectNode().put("email", email).put("password", password),
                clientAddress);
        JsonNode body = json.readTree(answer.body());
        if (answer.statusCode() != 200) {
            throw new ApiException(HttpStatus.valueOf(answer.statusCode()), body.path("error").asString("master_error"),
                    body.path("message").asString("The master refused the sign-in."));
        }
        return MasterAuth.roles(body);
    }
}
