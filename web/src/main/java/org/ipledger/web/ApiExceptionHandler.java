package org.ipledger.web;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of the master's and the agent's APIs into the JSON error body
 * {@code {error, message, details?}}, so both answer the same bad input with the same status and
 * code. A service takes it with {@code @Import}.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> api(ApiException e) {
        return e.toResponseEntity();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return bad("unknown_field", "Unknown field '" + unknown.getPropertyName() + "'; known fields are "
                    + unknown.getKnownPropertyIds() + ".");
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return bad("invalid_field", "Field '" + field + "' has the wrong type.");
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return bad("missing_body", "The request needs a JSON body.");
        }
        return bad("malformed_json", "The body is not valid JSON: " + firstLine(cause.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Send JSON with Content-Type: application/json, not " + e.getContentType() + ".");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorResponse> typeMismatch(MethodArgumentTypeMismatchException e) {
        return bad("invalid_parameter", "Parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'.");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException e) {
        return bad("missing_parameter", "Parameter '" + e.getParameterName() + "' is required.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorResponse> noResource(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "not_found", "There is no resource at /" + e.getResourcePath() + ".");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> method(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method " + e.getMethod() + " is not allowed here.");
    }

    /** A constraint the database enforces (I1, I2, references) that a concurrent change tripped. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ErrorResponse> integrity(DataIntegrityViolationException e) {
        log.info("refused by a database constraint: {}", firstLine(e.getMostSpecificCause().getMessage()));
        return answer(HttpStatus.CONFLICT, "conflict",
                "The change conflicts with a concurrent change: " + firstLine(e.getMostSpecificCause().getMessage()));
    }

    private static ResponseEntity<ErrorResponse> bad(String code, String message) {
        return answer(HttpStatus.BAD_REQUEST, code, message);
    }

    private static ResponseEntity<ErrorResponse> answer(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ErrorResponse.of(code, message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
