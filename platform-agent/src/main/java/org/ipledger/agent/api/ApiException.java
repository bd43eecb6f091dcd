package org.ipledger.agent.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * A failure the agent reports to its client: an HTTP status, a stable error code, a sentence for
 * a person, optional details, and for 503 how long to wait before retrying.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> details;
    private final Optional<Duration> retryAfter;

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details,
            Optional<Duration> retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
        this.retryAfter = retryAfter;
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of(), Optional.empty());
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    /** 503 with {@code Retry-After}: the agent cannot serve this now, and will be able to later. */
    public static ApiException unavailable(String code, String message, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, message, Map.of(), Optional.of(retryAfter));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    public ErrorResponse toResponse() {
        return new ErrorResponse(code, getMessage(), details.isEmpty() ? null : details);
    }
}
