package org.ipledger.master.auth;

import org.ipledger.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/auth/login} and {@code /api/v1/users}. */
@RestController
class AuthController {

    private final UserService users;

    AuthController(UserService users) {
        this.users = users;
    }

    @PostMapping("/api/v1/auth/login")
    LoginResponse login(@RequestBody LoginRequest request) {
        return users.login(request);
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
}
