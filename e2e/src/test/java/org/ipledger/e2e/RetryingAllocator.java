package org.ipledger.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.ipledger.master.ApiClient;

/**
 * A platform's client of its agent's allocation API that retries as a client must: after a 503
 * (the master unreachable) or a lost connection (the agent restarting) it sends the same
 * requestId again until it gets its 201, so a retried request still has one effect (I4).
 */
final class RetryingAllocator {

    /** Shorter than the agent's Retry-After, so that the test stays short; the agent does not mind. */
    private static final Duration PAUSE = Duration.ofMillis(200);

    private final int platform;
    private final ApiClient agent;
    private final AllocationLog log;

    RetryingAllocator(int platform, ApiClient agent, AllocationLog log) {
        this.platform = platform;
        this.agent = agent;
        this.log = log;
    }

    /** Allocates one address from the pool, retrying until answered or the deadline passes. */
    void allocate(long pool, Instant deadline) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        for (int attempt = 1; Instant.now().isBefore(deadline); attempt++) {
            ApiClient.Response response;
            try {
                response = send(pool, requestId);
            } catch (UncheckedIOException e) {
                log.lostConnection();
                Thread.sleep(PAUSE.toMillis());
                continue;
            }
            if (response.status() == 201) {
                log.answered(new Allocation(requestId, platform, pool, addressOf(response), attempt));
                return;
            }
            if (response.status() != 503) {
                log.unexpected(requestId + " on platform " + platform + ": " + response);
                return;
            }
            log.unavailable(platform, errorCode(response));
            Thread.sleep(PAUSE.toMillis());
        }
        log.unexpected(requestId + " on platform " + platform + ": no 201 before the deadline");
    }

    /** Sends the request of an earlier allocation once more: its answer must be the same address. */
    ApiClient.Response resend(Allocation allocation) {
        return send(allocation.pool(), allocation.requestId());
    }

    static String addressOf(ApiClient.Response response) {
        return response.json().get("addresses").get(0).get("address").asString();
    }

    private static String errorCode(ApiClient.Response response) {
        try {
            return response.error();
        } catch (RuntimeException notAnIpledgerError) {
            return "(no error code: " + response.body() + ")";
        }
    }

    private ApiClient.Response send(long pool, String requestId) {
        return agent.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\":\"" + requestId + "\"}");
    }
}
