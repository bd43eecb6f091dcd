package org.ipledger.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes 401 and 403 as the API's JSON error body, with a {@code WWW-Authenticate} challenge. A
 * service's token introspector refuses a token with {@link #EXPIRED} or with its own sentence for
 * a token it does not know; the sentence decides the error code.
 */
public class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The sentence of an expired token, answered as {@code token_expired}. */
    public static final String EXPIRED = "The bearer token has expired; log in again.";

    private final ObjectMapper json;
    private final String unknownToken;

    /**
     * @param unknownToken the introspector's sentence for a token it does not know, answered as
     *        {@code invalid_token}
     */
    public JsonSecurityErrors(ObjectMapper json, String unknownToken) {
        this.json = json;
        this.unknownToken = unknownToken;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = e.getMessage();
        ErrorResponse body;
        if (EXPIRED.equals(message)) {
            body = ErrorResponse.of("token_expired", message);
        } else if (unknownToken.equals(message)) {
            body = ErrorResponse.of("invalid_token", message);
        } else {
            body = ErrorResponse.of("unauthorized",
                    "A bearer token is required: POST /api/v1/auth/login, then send Authorization: Bearer <token>.");
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, body);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, ErrorResponse.of("forbidden",
                "This needs the role " + RoleNames.ADMIN + "; the token's user does not have it."));
    }

    private void write(HttpServletResponse response, HttpStatus status, ErrorResponse body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
