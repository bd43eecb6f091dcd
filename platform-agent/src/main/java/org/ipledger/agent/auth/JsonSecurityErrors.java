package org.ipledger.agent.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ipledger.web.ErrorResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Writes 401 and 403 as the API's JSON error body, with a {@code WWW-Authenticate} challenge. */
@Component
class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    JsonSecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = e.getMessage();
        ErrorResponse body;
        if (SessionIntrospector.EXPIRED.equals(message)) {
            body = new ErrorResponse("token_expired", message, null);
        } else if (SessionIntrospector.UNKNOWN.equals(message)) {
            body = new ErrorResponse("invalid_token", message, null);
        } else {
            body = new ErrorResponse("unauthorized",
                    "A bearer token is required: POST /api/v1/auth/login, then send Authorization: Bearer <token>.", null);
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, body);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, new ErrorResponse("forbidden",
                "This needs the role " + AgentSecurity.ADMIN + "; the token's user does not have it.", null));
    }

    private void write(HttpServletResponse response, HttpStatus status, ErrorResponse body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
