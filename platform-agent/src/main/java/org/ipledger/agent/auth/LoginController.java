package org.ipledger.agent.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import org.ipledger.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/auth/login} and {@code /logout} on the agent: the master checks the password
 * and revokes the token (users live on the master only); the agent remembers the tokens it got, so
 * the platform stays logged in while the master is down. Failed logins are counted by
 * {@link ForwardedLogins}.
 */
@RestController
class LoginController {

    private final MasterAuth master;
    private final Sessions sessions;
    private final ForwardedLogins logins;
    private final ObjectMapper json;

    LoginController(MasterAuth master, ForwardedLogins logins, Sessions sessions, ObjectMapper json) {
        this.master = master;
        this.sessions = sessions;
        this.logins = logins;
        this.json = json;
    }

    @PostMapping("/api/v1/auth/login")
    ResponseEntity<String> login(@RequestBody JsonNode credentials, HttpServletRequest http) {
        HttpResponse<String> answer = logins.login(credentials, http.getRemoteAddr());
        if (answer.statusCode() == 200) {
            JsonNode login = json.readTree(answer.body());
            sessions.remember(login.get("token").asString(), credentials.path("email").asString(""),
                    MasterAuth.roles(login), Instant.parse(login.get("expiresAt").asString()));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.statusCode()).contentType(MediaType.APPLICATION_JSON);
        answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, wait));
        return response.body(answer.body());
    }

    /** Revokes the token on the master first: while it cannot be told, the token stays valid everywhere. */
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(BearerTokenAuthentication caller) {
        String token = caller.getToken().getTokenValue();
        if (!master.logout(token)) {
            throw ApiException.unavailable("master_unreachable",
                    "The master, which issued the token, cannot be reached to revoke it: try again", Duration.ofSeconds(5));
        }
        sessions.forget(token);
    }
}
