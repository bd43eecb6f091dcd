package org.ipledger.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

import org.ipledger.cli.CliFailure;
import org.ipledger.cli.ExitCode;

/**
 * One ipledger server (a master or an agent) at a URL, spoken to over its REST API: JSON in,
 * JSON out, and every failure turned into a {@link CliFailure} whose message names the server,
 * its URL and the cause.
 */
public final class LedgerServer {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String role;
    private final URI baseUrl;
    private final Optional<String> token;
    private final Map<String, String> headers;

    private LedgerServer(String role, URI baseUrl, Optional<String> token, Map<String, String> headers) {
        this.role = role;
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
    }

    /**
     * A server at {@code url}; {@code role} ("master", "agent", "server") names it in messages.
     */
    public static LedgerServer at(String role, String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = URI.create(trimmed);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http");
            }
            return new LedgerServer(role, uri, Optional.empty(), Map.of());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "'" + url + "' is not an http:// or https:// URL of the " + role);
        }
    }

    /** This server with a bearer token for the requests that need one. */
    public LedgerServer withToken(String bearer) {
        return new LedgerServer(role, baseUrl, Optional.of(bearer), headers);
    }

    /** This server with a header sent on every request, e.g. an agent's setup token. */
    public LedgerServer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new LedgerServer(role, baseUrl, token, Map.copyOf(more));
    }

    /**
     * Logs in and returns this server with the token; a refused login is a failure that says
     * the e-mail or password is wrong.
     */
    public LedgerServer login(String email, char[] password) {
        var body = JSON.createObjectNode().put("email", email).put("password", new String(password));
        HttpResponse<String> response = exchange("POST", "/api/v1/auth/login", body);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            ServerError error = ServerError.of(response.statusCode(), response.body());
            throw new CliFailure(ExitCode.REFUSED, "wrong e-mail or password: the " + role + " at " + baseUrl
                    + " refused the login of " + email + " (" + error.code() + ")");
        }
        return withToken(answer(response).path("token").asString());
    }

    public String url() {
        return baseUrl.toString();
    }

    public String role() {
        return role;
    }

    public JsonNode get(String path) {
        return answer(exchange("GET", path, null));
    }

    /** Every item of a paged list ({@code {items, nextCursor}}), following the cursors. */
    public ArrayNode list(String path) {
        ArrayNode items = JSON.createArrayNode();
        String cursor = "";
        do {
            String separator = path.contains("?") ? "&" : "?";
            JsonNode page = get(path + separator + "limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").asString("");
        } while (!cursor.isEmpty());
        return items;
    }

    public JsonNode post(String path, JsonNode body) {
        return answer(exchange("POST", path, body));
    }

    public JsonNode put(String path, JsonNode body) {
        return answer(exchange("PUT", path, body));
    }

    public JsonNode delete(String path) {
        return answer(exchange("DELETE", path, null));
    }

    private JsonNode answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body());
        }
        ServerError error = ServerError.of(status, response.body());
        if (status >= 300 && status < 400) {
            String target = response.headers().firstValue("Location").orElse("elsewhere");
            throw new CliFailure(ExitCode.REFUSED, "the " + role + " at " + baseUrl + " redirects to " + target
                    + " (HTTP " + status + "): give that URL instead");
        }
        if (error.wrongCredentials()) {
            throw new CliFailure(ExitCode.REFUSED, "wrong e-mail or password: the " + role + " at " + baseUrl
                    + " refused: " + error.describe());
        }
        if (error.masterUnreachable()) {
            throw new CliFailure(ExitCode.UNREACHABLE, "the " + role + " at " + baseUrl + " cannot reach the master: "
                    + error.describe());
        }
        ExitCode code = status < 500 ? ExitCode.REFUSED : ExitCode.SERVER_ERROR;
        String verb = status < 500 ? " refused: " : " failed: ";
        throw new CliFailure(code, "the " + role + " at " + baseUrl + verb + error.describe());
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CliFailure(ExitCode.SERVER_ERROR, "the " + role + " at " + baseUrl
                    + " answered something that is not JSON; is it an ipledger server?");
        }
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        token.ifPresent(bearer -> request.header("Authorization", "Bearer " + bearer));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(e.getCause() instanceof UnresolvedAddressException ? "unknown host" : "connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.UNREACHABLE, "interrupted while waiting for the " + role + " at " + baseUrl);
        }
    }

    private CliFailure unreachable(String cause) {
        return new CliFailure(ExitCode.UNREACHABLE, "cannot reach the " + role + " at " + baseUrl + ": " + cause);
    }
}
