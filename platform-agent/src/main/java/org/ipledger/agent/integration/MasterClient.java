package org.ipledger.agent.integration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;

/**
 * The master's REST API as the join needs it. Never follows a redirect: a URL that answers with
 * one is refused naming the target, so an agent is never silently joined to another server.
 * Every failure becomes a {@link JoinRefused} with its own code.
 */
final class MasterClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    /**
     * @param allowInsecure whether an {@code http://} URL of a host other than a loopback address
     *        is allowed ({@code ipledger.agent.allow-insecure-master}): the join sends an
     *        administrator's password and receives the platform's signing secret
     */
    MasterClient(String masterUrl, boolean allowInsecure, ObjectMapper json) {
        this.base = parse(masterUrl);
        this.json = json;
        if ("http".equals(base.getScheme()) && !allowInsecure && !isLoopback(base.getHost())) {
            throw new JoinRefused(HttpStatus.BAD_REQUEST, "master_insecure_url", "masterUrl must be https:// unless "
                    + "its host is a loopback address, was '" + masterUrl + "' (ipledger.agent.allow-insecure-master=true "
                    + "allows http on a trusted network)");
        }
    }

    /** A loopback host by name or literal address; other names are not resolved, as DNS could lie. */
    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        IPAddress address = new IPAddressString(bare).getAddress();
        return address != null && address.isLoopback();
    }

    /** Who answers at the URL: {@code {instanceId, role, version}}. */
    JsonNode info() {
        JsonNode info = send(request("/api/v1/info").GET(), null);
        if (!info.hasNonNull("instanceId") || !info.hasNonNull("role")) {
            throw new JoinRefused(HttpStatus.BAD_GATEWAY, "master_not_ipledger",
                    base + " answered /api/v1/info without an ipledger instance id: it is not an ipledger master");
        }
        return info;
    }

    /** Logs in; the answer holds the token and the user's roles. */
    JsonNode login(String email, String password) {
        return send(request("/api/v1/auth/login").POST(body(Map.of("email", email, "password", password))), null);
    }

    /** Registers this platform (idempotent by instance id): id, secret, token and Kafka settings. */
    JsonNode register(String token, String name, String kind, String instanceId, List<String> locations) {
        return send(request("/api/v1/platforms").POST(body(Map.of("name", name, "kind", kind,
                "instanceId", instanceId, "locations", locations))), token);
    }

    /** Detaches the platform on the master, with its own token: its credentials there are revoked. */
    void detach(String token, String platformId) {
        send(request("/api/v1/platforms/" + platformId).DELETE(), token);
    }

    /** Asks the master for every conflict between this address space and its own. */
    JsonNode preflight(String token, String path, Object addressSpace) {
        return send(request(path).POST(body(addressSpace)), token);
    }

    /** Relative to the configured URL, so a master behind a path prefix works too. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(value));
    }

    private JsonNode send(HttpRequest.Builder builder, String token) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = exchange(request);
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String target = response.headers().firstValue("Location").orElse("(no Location header)");
            throw new JoinRefused(HttpStatus.BAD_GATEWAY, "master_redirect", base + " answered " + request.uri().getPath()
                    + " with a redirect (" + status + ") to " + target
                    + "; the agent does not follow redirects: configure the master's URL itself", Map.of("location", target));
        }
        JsonNode body = parseBody(response);
        if (status == 401) {
            throw new JoinRefused(HttpStatus.UNAUTHORIZED, "master_credentials_rejected",
                    "The master at " + base + " rejected the e-mail and password");
        }
        if (status == 403) {
            throw new JoinRefused(HttpStatus.FORBIDDEN, "master_user_not_admin",
                    "The user may not do this on the master: joining needs a user with role @admin");
        }
        if (status >= 400) {
            String code = body.path("error").asString("master_error");
            throw new JoinRefused(status >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.valueOf(status), code,
                    "The master answered " + request.uri().getPath() + " with " + status + ": "
                            + body.path("message").asString(""), Map.of("masterStatus", status));
        }
        return body;
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw tlsFailed(e);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new JoinRefused(HttpStatus.GATEWAY_TIMEOUT, "master_timeout",
                    "The master at " + base + " did not answer " + request.uri().getPath() + " within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw tlsFailed(ssl);
            }
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private JsonNode parseBody(HttpResponse<byte[]> response) {
        if (response.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new JoinRefused(HttpStatus.BAD_GATEWAY, "master_not_ipledger", base + " answered "
                    + response.uri().getPath() + " with something that is not JSON: it is not an ipledger master");
        }
    }

    private JoinRefused unreachable(Exception e) {
        return new JoinRefused(HttpStatus.BAD_GATEWAY, "master_unreachable",
                "The master at " + base + " cannot be reached: " + describe(e));
    }

    private JoinRefused tlsFailed(SSLException e) {
        return new JoinRefused(HttpStatus.BAD_GATEWAY, "master_tls_failed",
                "The TLS connection to " + base + " failed: " + describe(e));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    private static URI parse(String masterUrl) {
        try {
            URI uri = URI.create(masterUrl.endsWith("/") ? masterUrl : masterUrl + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new JoinRefused(HttpStatus.BAD_REQUEST, "invalid_master_url",
                    "masterUrl must be an http:// or https:// URL with a host, was '" + masterUrl + "'");
        }
    }
}
