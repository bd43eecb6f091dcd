package org.ipledger.master.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipledger.web.BearerTokens;
import org.ipledger.web.RoleNames;
import org.ipledger.web.StoredTokenIntrospector.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Users' bearer tokens ({@link BearerTokens}: only their SHA-256 is stored). Roles are read from the user's row, and remembered for
 * {@code ipledger.auth.token-cache} at most, so a change of {@code auth_user.roles} takes effect
 * within that time, also for tokens already issued, without a query on every request. Revoking a
 * token, or all of a user's, forgets what this instance remembered at once; another master
 * instance forgets it within {@code ipledger.auth.token-cache}.
 */
@Component
class TokenStore {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Cache<String, Optional<Holder>> recent;

    TokenStore(JdbcClient jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.recent = Caffeine.newBuilder().expireAfterWrite(properties.tokenCache()).maximumSize(10_000).build();
    }

    LoginResponse issue(User user) {
        String token = BearerTokens.generate();
        Instant expiresAt = Instant.now().plus(properties.tokenTtl());
        jdbc.sql("INSERT INTO auth_token (token_hash, user_id, expires_at) "
                        + "VALUES (?, ?, DATE_ADD(UTC_TIMESTAMP(6), INTERVAL ? SECOND))")
                .params(BearerTokens.hash(token), user.id(), properties.tokenTtl().toSeconds())
                .update();
        return new LoginResponse(token, expiresAt, user.roles());
    }

    /** The holder of a token, whether or not it has expired. */
    Optional<Holder> holder(String token) {
        return recent.get(BearerTokens.hash(token), this::load);
    }

    /** Revokes one user token (a platform's token is replaced by registering the platform again). */
    boolean revoke(String token) {
        String hash = BearerTokens.hash(token);
        int deleted = jdbc.sql("DELETE FROM auth_token WHERE token_hash = ?").param(hash).update();
        recent.invalidate(hash);
        return deleted > 0;
    }

    /** Revokes every token of a user, as when they are disabled or their password is reset. */
    void revokeAll(long userId) {
        jdbc.sql("DELETE FROM auth_token WHERE user_id = ?").param(userId).update();
        forgetAll();
    }

    /** Reads every token's user and roles again on its next use, as after a change of roles. */
    void forgetAll() {
        recent.invalidateAll();
    }

    /** Drops what is remembered of these tokens, so a revoked one stops working on this instance at once. */
    void forget(Collection<String> tokenHashes) {
        recent.invalidateAll(tokenHashes);
    }

    private Optional<Holder> load(String tokenHash) {
        return user(tokenHash).or(() -> platform(tokenHash));
    }

    /** A platform's token: no expiry, replaced when the platform registers again. */
    private Optional<Holder> platform(String tokenHash) {
        return jdbc.sql("SELECT platform_id FROM platform_token WHERE token_hash = ?").param(tokenHash)
                .query((rs, n) -> new Holder("platform:" + rs.getString(1),
                        List.of(RoleNames.PLATFORM, RoleNames.platform(rs.getString(1))), Instant.MAX))
                .optional();
    }

    private Optional<Holder> user(String tokenHash) {
        return jdbc.sql("""
                SELECT u.email, u.roles, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), t.expires_at)
                FROM auth_token t JOIN auth_user u ON u.id = t.user_id WHERE t.token_hash = ? AND NOT u.disabled""")
                .param(tokenHash)
                .query((rs, n) -> new Holder(rs.getString(1), Roles.fromJson(rs.getString(2)),
                        Instant.now().plusNanos(rs.getLong(3) * 1000)))
                .optional();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM auth_token WHERE expires_at < UTC_TIMESTAMP(6)").update();
    }
}
