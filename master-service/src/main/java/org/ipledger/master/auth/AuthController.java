package org.ipledger.master.auth;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.ipledger.web.RoleNames;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth/*} and {@code /api/v1/users}. */
@RestController
class AuthController {

    private final UserService users;
    private final TokenStore tokens;

    AuthController(UserService users, TokenStore tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /**
     * Counts failures per client address, except for a login an agent forwards with its platform's
     * token: the agent counts those per address of its own clients, and counting them here would
     * let one guesser lock every user of that platform out.
     */
    @PostMapping("/api/v1/auth/login")
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http, Authentication caller) {
        boolean forwardedByAgent = caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> RoleNames.PLATFORM.equals(authority.getAuthority()));
        return users.login(request, forwardedByAgent ? Optional.empty() : Optional.of(http.getRemoteAddr()));
    }

    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(BearerTokenAuthentication caller) {
        users.logout(caller.getToken().getTokenValue());
    }

    /** Who the presented token belongs to now, with its roles: how an agent re-checks a session. */
    @GetMapping("/api/v1/auth/me")
    TokenHolder me(BearerTokenAuthentication caller) {
        return tokens.holder(caller.getToken().getTokenValue())
                .map(holder -> new TokenHolder(holder.name(), holder.roles(), holder.expiresAt()))
                // Revoked since the request was authenticated.
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token", TokenIntrospector.UNKNOWN));
    }

    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    User create(@RequestBody UserRequest request) {
        return users.create(request);
    }

    @GetMapping("/api/v1/users")
    Page<User> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return users.list(cursor, limit);
    }

    @PatchMapping("/api/v1/users/{email}")
    User change(@PathVariable String email, @RequestBody Map<String, Object> body, Authentication caller) {
        return users.change(email, body, caller.getName());
    }
}
