package org.ipledger.agent.integration;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ipledger.web.ErrorResponse;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * In front of the address-space API, before authentication (no one can log in before the
 * platform has joined): while it has not, every operation is refused with
 * {@code integration_not_configured}; while draining, every write with {@code integration_draining}.
 * Both are 503 with {@code Retry-After}: they pass.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class IntegrationGate extends OncePerRequestFilter {

    private static final String RETRY_AFTER_SECONDS = "30";

    private final IntegrationService integration;
    private final ObjectMapper json;

    IntegrationGate(IntegrationService integration, ObjectMapper json) {
        this.integration = integration;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/v1/networks") || path.startsWith("/api/v1/pools")
                || path.startsWith("/api/v1/addresses"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IntegrationState state = integration.current().state();
        if (!state.joined()) {
            refuse(response, ErrorResponse.of("integration_not_configured", "This platform is not joined to a master "
                    + "(integration state " + state.code() + "): configure it with PUT /api/v1/integration"));
        } else if (state == IntegrationState.DRAINING && !HttpMethod.GET.matches(request.getMethod())) {
            refuse(response, ErrorResponse.of("integration_draining",
                    "The agent is draining before an update and accepts no writes until it restarts"));
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletResponse response, ErrorResponse body) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
