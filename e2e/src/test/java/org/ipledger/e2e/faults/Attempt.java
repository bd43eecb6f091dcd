package org.ipledger.e2e.faults;

import java.util.List;

/**
 * One sending of a request and what came back: {@code status} 0 when the connection was lost
 * before an answer (the agent killed, frozen past the client's timeout), the HTTP status otherwise.
 * Times are the history's clock, in milliseconds since the run started.
 */
record Attempt(long invokedAt, long completedAt, int status, String code, List<String> addresses) {

    static Attempt lost(long invokedAt, long completedAt) {
        return new Attempt(invokedAt, completedAt, 0, "connection_lost", List.of());
    }

    /**
     * An answer that ends the request: anything but a lost connection, a 503 to retry after, or
     * a 401 (a session the agent could not check while the master was away: the client signs in
     * again and retries).
     */
    boolean definitive() {
        return status != 0 && status != 503 && status != 401;
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** What a retry must answer again: the status, the error code and the addresses. */
    String answer() {
        return ok() ? status + " " + addresses : status + " " + code;
    }
}
