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
import java.util.Optional;

import org.ipledger.agent.integration.Integration;
import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.web.ApiException;
import org.ipledger.web.StoredTokenIntrospector.Holder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The master's {@code /api/v1/auth} as the agent uses it: users live on the master, so it checks
 * passwords, revokes tokens and says what a token is worth now.
 */
@Component
class MasterAuth {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A session check holds up a request: a master that does not answer soon is taken as unreachable. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final IntegrationService integration;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CHECK_TIMEOUT).build();

    MasterAuth(IntegrationService integration, ObjectMapper json) {
        this.integration = integration;
        this.json = json;
    }

    /**
     * Forwards a login with this platform's own token, so the master leaves counting failures per
     * client address to this agent, which sees the clients' addresses.
     */
    HttpResponse<String> login(JsonNode credentials) {
        Integration joined = joined().orElseThrow(() -> ApiException.unavailable("integration_not_configured",
                "This platform is not joined to a master, which holds the users: join it first", Duration.ofSeconds(30)));
        HttpRequest.Builder request = request(joined, "api/v1/auth/login", TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(credentials)));
        joined.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return send(request.build()).orElseThrow(() -> ApiException.unavailable("master_unreachable",
                "The master, which checks passwords, cannot be reached", Duration.ofSeconds(5)));
    }

    /** Revokes a token on the master; false when the master cannot be told now. */
    boolean logout(String token) {
        Optional<Integration> joined = joined();
        if (joined.isEmpty()) {
            return false;
        }
        return send(request(joined.get(), "api/v1/auth/logout", TIMEOUT).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build())
                // 401: the master no longer knows the token, which is what logging out is for.
                .filter(answer -> answer.statusCode() == 204 || answer.statusCode() == 401).isPresent();
    }

    /** What the master says of a token now; {@link Verdict#UNKNOWN} when it cannot be asked. */
    Verdict check(String token) {
        Optional<Integration> joined = joined();
        if (joined.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        Optional<HttpResponse<String>> answer = send(request(joined.get(), "api/v1/auth/me", CHECK_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build());
        if (answer.isEmpty() || answer.get().statusCode() >= 500) {
            return Verdict.UNKNOWN;
        }
        if (answer.get().statusCode() == 401) {
            return Verdict.REVOKED;
        }
        if (answer.get().statusCode() != 200) {
            return Verdict.UNKNOWN;
        }
        JsonNode me = json.readTree(answer.get().body());
        return new Verdict(Optional.of(new Holder(me.path("email").asString(""), roles(me),
                Instant.parse(me.get("expiresAt").asString()))), true);
    }

    static List<String> roles(JsonNode answer) {
        List<String> roles = new ArrayList<>();
        answer.path("roles").forEach(role -> roles.add(role.asString()));
        return roles;
    }

    /**
     * @param holder the token's holder now, empty when the master no longer accepts the token
     * @param known whether the master answered
     */
    record Verdict(Optional<Holder> holder, boolean known) {
        static final Verdict UNKNOWN = new Verdict(Optional.empty(), false);
        static final Verdict REVOKED = new Verdict(Optional.empty(), true);
    }

    private Optional<Integration> joined() {
        Integration current = integration.current();
        return current.state().joined() && current.masterUrl().isPresent() ? Optional.of(current) : Optional.empty();
    }

    private static HttpRequest.Builder request(Integration joined, String path, Duration timeout) {
        String masterUrl = joined.masterUrl().orElseThrow();
        URI uri = URI.create(masterUrl.endsWith("/") ? masterUrl : masterUrl + "/").resolve(path);
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    private Optional<HttpResponse<String>> send(HttpRequest request) {
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
