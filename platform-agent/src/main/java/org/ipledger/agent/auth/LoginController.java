package org.ipledger.agent.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.web.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/auth/login} on the agent: the master checks the password (users live on
 * the master only) and the agent remembers the token it issued, so the platform stays logged in
 * while the master is down.
 */
@RestController
class LoginController {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final IntegrationService integration;
    private final Sessions sessions;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    LoginController(IntegrationService integration, Sessions sessions, ObjectMapper json) {
        this.integration = integration;
        this.sessions = sessions;
        this.json = json;
    }

    @PostMapping("/api/v1/auth/login")
    ResponseEntity<String> login(@RequestBody JsonNode credentials) {
        String masterUrl = integration.current().masterUrl().filter(url -> integration.current().state().joined())
                .orElseThrow(() -> ApiException.unavailable("integration_not_configured",
                        "This platform is not joined to a master, which holds the users: join it first",
                        Duration.ofSeconds(30)));
        HttpResponse<String> answer = forward(masterUrl, credentials);
        if (answer.statusCode() == 200) {
            JsonNode login = json.readTree(answer.body());
            List<String> roles = new ArrayList<>();
            login.path("roles").forEach(role -> roles.add(role.asString()));
            sessions.remember(login.get("token").asString(), credentials.path("email").asString(""), roles,
                    Instant.parse(login.get("expiresAt").asString()));
        }
        return ResponseEntity.status(answer.statusCode()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    private HttpResponse<String> forward(String masterUrl, JsonNode credentials) {
        URI login = URI.create(masterUrl.endsWith("/") ? masterUrl : masterUrl + "/").resolve("api/v1/auth/login");
        HttpRequest request = HttpRequest.newBuilder(login).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(credentials))).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ApiException.unavailable("master_unreachable",
                    "The master, which checks passwords, cannot be reached: " + e.getMessage(), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("master_unreachable", "Interrupted while logging in", Duration.ofSeconds(5));
        }
    }
}
