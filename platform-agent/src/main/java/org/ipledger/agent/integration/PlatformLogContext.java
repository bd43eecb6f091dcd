package org.ipledger.agent.integration;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts the platform id on every log line written while a request is served. */
@Component
class PlatformLogContext extends OncePerRequestFilter {

    private final IntegrationService integration;

    PlatformLogContext(IntegrationService integration) {
        this.integration = integration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        integration.current().platformId().ifPresent(id -> MDC.put("platformId", id));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("platformId");
            MDC.remove("requestId");
        }
    }
}
