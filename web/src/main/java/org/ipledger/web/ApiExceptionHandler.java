package org.ipledger.web;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
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

    /** SQLSTATE class 22, data exception: a value too long, out of range, or not of the column's type. */
    private static final String DATA_EXCEPTION = "22";

    /**
     * The column MariaDB names in such a refusal, bare or qualified: {@code Data too long for
     * column 'note' at row 1}, {@code Incorrect string value: ... for column `db`.`ipnet`.`note`}.
     */
    private static final Pattern COLUMN = Pattern.compile("column (?:[`']?\\w+[`']?\\.)*[`']?(\\w+)");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorResponse> api(ApiException e) {
        return e.toResponseEntity();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
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

    /** A chunked body that went past its limit while it was read. */
    @ExceptionHandler(RequestBodyLimit.BodyTooLarge.class)
    ResponseEntity<ErrorResponse> tooLarge(RequestBodyLimit.BodyTooLarge e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestBodyLimit.tooLarge(e.limit));
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

    /**
     * A value or constraint the database refused: a value too long or out of range for its column
     * is bad input naming the field; anything else a concurrent change tripped (I1, I2,
     * references). The database's own text stays in the log: it shows the schema and statements.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ErrorResponse> integrity(DataIntegrityViolationException e) {
        Throwable cause = e.getMostSpecificCause();
        log.info("refused by the database: {}", firstLine(cause.getMessage()));
        if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
            Matcher column = COLUMN.matcher(String.valueOf(cause.getMessage()));
            String field = column.find() ? "Field '" + column.group(1) + "'" : "A field";
            return bad("invalid_value", field + " has a value the database cannot store: too long, out of range "
                    + "or with characters it does not hold.");
        }
        return answer(HttpStatus.CONFLICT, "conflict",
                "The change conflicts with a concurrent change or with data that refers to it; read the current state and try again.");
    }

    /** Any other failure of the database: the client learns that, not the database's text. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ErrorResponse> database(DataAccessException e) {
        log.error("database failure", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "database_error",
                "The database could not complete the request; the server's log has the detail.");
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
