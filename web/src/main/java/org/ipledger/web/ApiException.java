package org.ipledger.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A failure the API reports to its client: an HTTP status, a stable error code that clients can
 * rely on, a sentence for a person, optional details such as the conflicting network, and for 503
 * how long to wait before retrying.
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

    public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
        this(status, code, message, details, Optional.empty());
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException conflict(String code, String message, Map<String, Object> details) {
        return new ApiException(HttpStatus.CONFLICT, code, message, details);
    }

    /** 503 with {@code Retry-After}: the service cannot do this now, and will be able to later. */
    public static ApiException unavailable(String code, String message, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, message, Map.of(), Optional.of(retryAfter));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ErrorResponse toResponse() {
        return new ErrorResponse(code, getMessage(), details.isEmpty() ? null : details);
    }

    /** The HTTP answer: the status, {@code Retry-After} when there is a wait, and the error body. */
    public ResponseEntity<ErrorResponse> toResponseEntity() {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        retryAfter.ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
        return response.body(toResponse());
    }
}
