package org.ipledger.master.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** User accounts and login. */
@Service
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MIN_PASSWORD = 8;
    /** BCrypt reads no more than 72 bytes of a password: a longer one would be cut short unseen. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final TokenStore tokens;
    private final PasswordEncoder encoder;
    /** Compared against when the e-mail is unknown, so a login takes as long either way. */
    private final String decoyHash;

    UserService(UserRepository users, TokenStore tokens, PasswordEncoder encoder) {
        this.users = users;
        this.tokens = tokens;
        this.encoder = encoder;
        this.decoyHash = encoder.encode("decoy password");
    }

    public User create(UserRequest request) {
        String email = email(request.email());
        String password = request.password();
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("weak_password", "password must have at least " + MIN_PASSWORD + " characters.");
        }
        if (tooLong(password)) {
            throw ApiException.badRequest("password_too_long",
                    "password must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8.");
        }
        List<String> roles = Roles.valid(request.roles());
        try {
            return users.find(users.insert(email, encoder.encode(password), roles)).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("user_exists", "A user with e-mail " + email + " already exists.");
        }
    }

    public Page<User> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return Page.of(users.page(Page.idCursor(cursor), size + 1), size, u -> Long.toString(u.id()));
    }

    public LoginResponse login(LoginRequest request) {
        String email = email(request.email());
        if (request.password() == null) {
            throw ApiException.badRequest("missing_field", "password is required.");
        }
        var credentials = users.credentials(email);
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(decoyHash);
        // No stored password is that long, and BCrypt refuses to hash one.
        if (tooLong(request.password()) || !encoder.matches(request.password(), hash) || credentials.isEmpty()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "E-mail or password is wrong.", Map.of());
        }
        return tokens.issue(credentials.get().user());
    }

    private static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }

    boolean anyUser() {
        return users.any();
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.badRequest("missing_field", "email is required.");
        }
        if (!EMAIL.matcher(email).matches() || email.length() > 255) {
            throw ApiException.badRequest("invalid_email", "email '" + email + "' is not an e-mail address.");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
