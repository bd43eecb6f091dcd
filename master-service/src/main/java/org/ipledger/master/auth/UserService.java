package org.ipledger.master.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ipledger.web.ApiException;
import org.ipledger.web.LoginThrottle;
import org.ipledger.web.Page;
import org.ipledger.web.Patch;
import org.ipledger.web.PatchFields;
import org.ipledger.web.RoleNames;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    private final LoginThrottle throttle;
    /** Compared against when the e-mail is unknown, so a login takes as long either way. */
    private final String decoyHash;

    UserService(UserRepository users, TokenStore tokens, PasswordEncoder encoder, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.encoder = encoder;
        this.throttle = throttle;
        this.decoyHash = encoder.encode("decoy password");
    }

    public User create(UserRequest request) {
        String email = email(request.email());
        String hash = passwordHash(request.password());
        List<String> roles = Roles.valid(request.roles());
        try {
            return users.find(users.insert(email, hash, roles)).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("user_exists", "A user with e-mail " + email + " already exists.");
        }
    }

    /**
     * Changes a user's roles, disables or enables them, or resets their password. Disabling and a
     * new password revoke all the user's tokens at once; new roles apply to tokens already issued.
     * An administrator may not disable themselves nor take {@code @admin} from themselves, so there
     * is always an administrator left to undo a change.
     *
     * @param caller the e-mail of the administrator making the change
     */
    @Transactional
    public User change(String email, Map<String, Object> body, String caller) {
        Patch patch = new Patch(body, PatchFields.USER);
        User user = users.find(email(email)).orElseThrow(() -> ApiException.notFound("user_not_found",
                "There is no user with e-mail " + email + "."));
        List<String> roles = Roles.valid(patch.strings("roles", user.roles()));
        Boolean disabled = patch.bool("disabled", user.disabled());
        if (disabled == null) {
            throw ApiException.badRequest("invalid_field", "disabled must be true or false.");
        }
        // A console session names its user as typed at sign-in, in any case.
        if (user.email().equalsIgnoreCase(caller.trim()) && (disabled || !roles.contains(RoleNames.ADMIN))) {
            throw ApiException.conflict("self_lockout",
                    "An administrator cannot disable themselves or take " + RoleNames.ADMIN + " from themselves; "
                            + "another administrator can.");
        }
        String password = patch.string("password", null);
        boolean newPassword = password != null || patch.clears("password");
        users.update(user.id(), roles, disabled);
        if (newPassword) {
            users.updatePassword(user.id(), passwordHash(password));
        }
        if (newPassword || disabled) {
            tokens.revokeAll(user.id());
        } else {
            tokens.forgetAll();
        }
        return users.find(user.id()).orElseThrow();
    }

    /** Revokes the token the request presented, a user's: a platform's token is not a login. */
    public void logout(String token) {
        if (!tokens.revoke(token)) {
            throw ApiException.badRequest("not_a_login", "Only a token from POST /api/v1/auth/login can be logged out; "
                    + "a platform's token is replaced by registering the platform again and revoked by detaching it.");
        }
    }

    public Page<User> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return Page.of(users.page(Page.idCursor(cursor), size + 1), size, u -> Long.toString(u.id()));
    }

    /** Checks a password as {@link #signIn} does and issues an API token. */
    public LoginResponse login(LoginRequest request, Optional<String> clientAddress) {
        return tokens.issue(signIn(request, clientAddress));
    }

    /**
     * Checks a password, unless the account or the client address has failed too often lately
     * ({@link LoginThrottle}); the console's sign-in, which needs no API token, stops here.
     *
     * @param clientAddress where the sign-in comes from, or empty when it is not to be counted
     * @return the user signed in, who is not disabled
     */
    public User signIn(LoginRequest request, Optional<String> clientAddress) {
        String email = email(request.email());
        if (request.password() == null) {
            throw ApiException.badRequest("missing_field", "password is required.");
        }
        throttle.check(email, clientAddress);
        var credentials = users.credentials(email);
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(decoyHash);
        // No stored password is that long, and BCrypt refuses to hash one.
        if (tooLong(request.password()) || !encoder.matches(request.password(), hash) || credentials.isEmpty()) {
            throttle.failed(email, clientAddress);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "E-mail or password is wrong.", Map.of());
        }
        throttle.succeeded(email);
        User user = credentials.get().user();
        if (user.disabled()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "user_disabled", "This user is disabled; ask an administrator.");
        }
        return user;
    }

    private String passwordHash(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("weak_password", "password must have at least " + MIN_PASSWORD + " characters.");
        }
        if (tooLong(password)) {
            throw ApiException.badRequest("password_too_long",
                    "password must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8.");
        }
        return encoder.encode(password);
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
