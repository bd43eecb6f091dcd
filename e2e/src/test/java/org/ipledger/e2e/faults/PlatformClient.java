package org.ipledger.e2e.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.ipledger.master.MasterInstance;

/**
 * One client thread of a platform, talking to its agent as the platform would: allocations with
 * an owner, specific addresses that every platform also asks for, releases of what it holds.
 * Each request is retried with its requestId until it has an answer, and every attempt goes into
 * the history.
 */
final class PlatformClient implements Runnable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Longer than an agent's own bound for a write, shorter than a freeze, so a frozen agent shows as lost attempts. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final long PAUSE_MS = 250;
    private static final double RELEASE = 0.2;
    private static final double SPECIFIC = 0.4;

    private final int platform;
    private final String agentUrl;
    private final Pools pools;
    private final History history;
    private final Random random;
    private final BooleanSupplier loading;
    private final LongSupplier giveUpAt;
    private final List<String> held = new ArrayList<>();
    private String token;
    private int owners;

    /** The two pools: one to allocate from, one whose addresses every platform asks for by name. */
    record Pools(long shared, long contested, String contestedPrefix, int contestedFirst, int contestedLast) {
    }

    PlatformClient(int platform, String agentUrl, Pools pools, History history, long seed, BooleanSupplier loading,
                   LongSupplier giveUpAt) {
        this.platform = platform;
        this.agentUrl = agentUrl;
        this.pools = pools;
        this.history = history;
        this.random = new Random(seed);
        this.loading = loading;
        this.giveUpAt = giveUpAt;
    }

    @Override
    public void run() {
        while (loading.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            double draw = random.nextDouble();
            if (!held.isEmpty() && draw < RELEASE) {
                release(held.remove(random.nextInt(held.size())));
            } else if (draw < SPECIFIC) {
                String address = pools.contestedPrefix()
                        + (pools.contestedFirst() + random.nextInt(pools.contestedLast() - pools.contestedFirst() + 1));
                allocate(Request.Kind.RESERVE, pools.contested(), address);
            } else {
                allocate(Request.Kind.ALLOCATE, pools.shared(), null);
            }
        }
    }

    private void allocate(Request.Kind kind, long pool, String address) {
        String requestId = UUID.randomUUID().toString();
        String owner = "p" + platform + "-vm-" + owners++ + "-" + requestId.substring(0, 8);
        String body = "{\"requestId\":\"" + requestId + "\",\"owner\":\"" + owner + "\""
                + (address == null ? "" : ",\"address\":\"" + address + "\"") + "}";
        Request request = send(requestId, kind, pool, address, owner, () -> request("/api/v1/pools/" + pool + "/allocations")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        held.addAll(request.held());
    }

    private void release(String address) {
        String requestId = UUID.randomUUID().toString();
        send(requestId, Request.Kind.RELEASE, pools.shared(), address, null,
                () -> request("/api/v1/addresses/" + address).header("Idempotency-Key", requestId).DELETE());
    }

    private Request send(String requestId, Request.Kind kind, long pool, String address, String owner,
                         java.util.function.Supplier<HttpRequest.Builder> builder) {
        List<Attempt> attempts = new ArrayList<>();
        boolean kept = false;
        while (true) {
            Attempt attempt = attempt(builder.get());
            attempts.add(attempt);
            if (attempt.definitive()) {
                break;
            }
            if (history.now() > giveUpAt.getAsLong() || Thread.currentThread().isInterrupted()) {
                kept = true;
                break;
            }
            if (attempt.status() == 401) {
                token = null;
            }
            pause();
        }
        Request request = new Request(requestId, platform, kind, pool, address, owner, attempts, kept);
        history.add(request);
        return request;
    }

    private Attempt attempt(HttpRequest.Builder builder) {
        long sent = history.now();
        try {
            if (token == null) {
                token = login();
            }
            HttpResponse<String> response = HTTP.send(builder.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer(sent, response.statusCode(), response.body());
        } catch (IOException | IllegalStateException e) {
            return Attempt.lost(sent, history.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.lost(sent, history.now());
        }
    }

    private Attempt answer(long sent, int status, String body) {
        if (status >= 200 && status < 300) {
            List<String> addresses = new ArrayList<>();
            if (!body.isEmpty()) {
                JSON.readTree(body).path("addresses").forEach(a -> addresses.add(a.get("address").asString()));
            }
            return new Attempt(sent, history.now(), status, null, addresses);
        }
        String code;
        try {
            code = JSON.readTree(body).path("error").asString("(no code)");
        } catch (RuntimeException notJson) {
            code = "(no JSON)";
        }
        return new Attempt(sent, history.now(), status, code, List.of());
    }

    private String login() throws IOException, InterruptedException {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(agentUrl + "/api/v1/auth/login"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + MasterInstance.ADMIN_EMAIL
                        + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login through agent " + platform + ": " + login.statusCode());
        }
        JsonNode json = JSON.readTree(login.body());
        return json.get("token").asString();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(agentUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
