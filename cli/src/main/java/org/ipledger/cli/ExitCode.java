package org.ipledger.cli;

/**
 * The exit codes of {@code ipledger}, which scripts may rely on: every failure has one of these
 * and a one-line message on standard error naming its cause.
 */
public enum ExitCode {

    /** The command did what was asked. */
    OK(0),
    /** The command line was wrong: an unknown option, a missing argument, no credentials. */
    USAGE(1),
    /** The server refused the request (HTTP 4xx): wrong password, unknown pool, conflict. */
    REFUSED(2),
    /** The server could not be reached: connection refused, unknown host, no answer in time. */
    UNREACHABLE(3),
    /** The server failed (HTTP 5xx, including 503 while an agent is unconfigured or draining) or answered nonsense. */
    SERVER_ERROR(4),
    /** The request was carried out and its outcome is negative: a join ended failed, a preflight found conflicts. */
    NEGATIVE_OUTCOME(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
