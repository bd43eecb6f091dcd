package org.ipledger.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.ipledger.agent.integration.SetupToken;

/**
 * The few calls the demo makes on an agent's REST API: its integration (read and join), a login
 * and its pools, as an operator would make them.
 */
final class AgentClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String setupToken;

    /** @param setupToken the agent's setup token, which the demo reads from the agent's data directory as its operator would */
    AgentClient(String baseUrl, String setupToken) {
        this.baseUrl = baseUrl;
        this.setupToken = setupToken;
    }

    /** {@code GET /api/v1/integration}: state, platform id, migration progress, error. */
    JsonNode integration() {
        return send(request("/api/v1/integration").GET(), 200);
    }

    /** {@code PUT /api/v1/integration}: starts the join; the migration goes on in the background. */
    JsonNode join(String masterUrl, String email, String password) {
        String body = JSON.writeValueAsString(Map.of("masterUrl", masterUrl, "email", email, "password", password));
        return send(request("/api/v1/integration").header(SetupToken.HEADER, setupToken)
                .PUT(HttpRequest.BodyPublishers.ofString(body)), 202);
    }

    /** The id of the pool of that name as the agent serves it (the master's id, not the platform's). */
    Optional<Long> poolId(String name, String email, String password) {
        String login = JSON.writeValueAsString(Map.of("email", email, "password", password));
        String token = send(request("/api/v1/auth/login").POST(HttpRequest.BodyPublishers.ofString(login)), 200)
                .path("token").asString();
        JsonNode pools = send(request("/api/v1/pools").header("Authorization", "Bearer " + token).GET(), 200);
        JsonNode items = pools.isArray() ? pools : pools.path("items");
        for (JsonNode pool : items) {
            if (name.equals(pool.path("name").asString())) {
                return Optional.of(pool.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new DemoFailure(baseUrl + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not reach " + baseUrl, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("Interrupted while waiting for " + baseUrl);
        }
    }
}
