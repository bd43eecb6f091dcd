package org.ipledger.agent.proxy;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes when a request reached the agent, before any other filter (authentication among them), so
 * that a forwarded write answers within its bound counted from there and not from when the
 * controller got it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestArrival extends OncePerRequestFilter {

    private static final String ATTRIBUTE = RequestArrival.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ATTRIBUTE, System.nanoTime());
        chain.doFilter(request, response);
    }

    /** When the current request arrived, as a {@link System#nanoTime()}; now outside a request. */
    static long current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object arrived = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return arrived instanceof Long nanos ? nanos : System.nanoTime();
    }
}
