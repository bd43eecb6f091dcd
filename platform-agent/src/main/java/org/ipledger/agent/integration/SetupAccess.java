package org.ipledger.agent.integration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.ipledger.web.ApiException;
import org.ipledger.web.RoleNames;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Only this agent's operator may point it at a master, preflight, drain or detach it: the request
 * carries the {@link SetupToken} in {@code X-Ipledger-Setup-Token}, or, once the platform has
 * joined, an {@code @admin} bearer token (issued through the master the operator chose). Checked
 * before the body is read, so a stranger's request costs nothing; refused with 401
 * {@code setup_token_required} or {@code invalid_setup_token}.
 */
@Configuration(proxyBeanMethods = false)
class SetupAccess implements HandlerInterceptor, WebMvcConfigurer {

    private final SetupToken token;
    private final IntegrationService integration;

    SetupAccess(SetupToken token, IntegrationService integration) {
        this.token = token;
        this.integration = integration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/integration", "/api/v1/integration/preflight",
                "/api/v1/integration/drain");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                || HttpMethod.OPTIONS.matches(request.getMethod())) {
            return true;
        }
        String presented = request.getHeader(SetupToken.HEADER);
        if (presented != null && !presented.isBlank()) {
            if (!token.matches(presented)) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_setup_token", "The "
                        + SetupToken.HEADER + " header does not match this agent's setup token (in its data "
                        + "directory, file " + SetupToken.FILE_NAME + ").");
            }
            return true;
        }
        if (integration.current().state().joined() && isAdmin(SecurityContextHolder.getContext().getAuthentication())) {
            return true;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "setup_token_required", "Configuring this agent needs the "
                + SetupToken.HEADER + " header with the setup token from the file " + SetupToken.FILE_NAME
                + " in the agent's data directory, or, once joined, an @admin bearer token.");
    }

    private static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(RoleNames.ADMIN::equals);
    }
}
