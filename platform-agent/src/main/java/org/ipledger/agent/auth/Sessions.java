package org.ipledger.agent.auth;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.ipledger.web.BearerTokens;
import org.ipledger.web.StoredTokenIntrospector.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Logins made through this agent. The master issued the tokens and may revoke them, disable their
 * user or change their roles at any time, so what it said of a token is trusted for
 * {@code ipledger.auth.session-check} only: a token used after that is checked with the master
 * again ({@code GET /api/v1/auth/me}), in the background while it is in use (after half the
 * interval), or before the request it comes with. While the master cannot be asked, a token keeps
 * the user and roles the master last gave it, so the platform stays logged in; a request waits for
 * a check at most {@link #CHECK_WAIT}, and is then served on what the master last said while the
 * check goes on, so that a master that hangs (frozen, or its host gone) holds up no request long.
 *
 * <p>A request costs no query: checked tokens are kept in memory. The table {@code agent_session}
 * (SHA-256 of the token, user, roles, expiry) remembers the logins across restarts, and only tokens
 * in it are ever checked: a token not issued through this agent is refused without asking.
 */
@Component
class Sessions {

    private static final int KEPT = 10_000;
    /** Far longer than a master answering takes, and small beside the 8 s bound of a forwarded write. */
    private static final Duration CHECK_WAIT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final MasterAuth master;
    /** By the token itself, which the check presents to the master. */
    private final AsyncLoadingCache<String, Holder> checked;

    Sessions(JdbcClient jdbc, MasterAuth master, SessionSettings settings) {
        this.jdbc = jdbc;
        this.master = master;
        this.checked = Caffeine.newBuilder().maximumSize(KEPT).expireAfterWrite(settings.sessionCheck())
                .refreshAfterWrite(settings.sessionCheck().dividedBy(2)).buildAsync(this::check);
    }

    void remember(String token, String email, List<String> roles, Instant expiresAt) {
        jdbc.sql("MERGE INTO agent_session (token_hash, email, roles, expires_at) KEY (token_hash) VALUES (?, ?, ?, ?)")
                .params(BearerTokens.hash(token), email, String.join(",", roles), Timestamp.from(expiresAt)).update();
        jdbc.sql("DELETE FROM agent_session WHERE expires_at < ?").param(Timestamp.from(Instant.now())).update();
        checked.put(token, CompletableFuture.completedFuture(new Holder(email, roles, expiresAt)));
    }

    /** The token's holder as the master last said; empty for a token not issued through this agent or revoked. */
    Optional<Holder> find(String token) {
        CompletableFuture<Holder> holder = checked.get(token);
        try {
            return Optional.ofNullable(holder.get(CHECK_WAIT.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return stored(token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stored(token);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    void forget(String token) {
        jdbc.sql("DELETE FROM agent_session WHERE token_hash = ?").param(BearerTokens.hash(token)).update();
        checked.synchronous().invalidate(token);
    }

    /** Null when the token is not one of this agent's logins or the master no longer accepts it. */
    private Holder check(String token) {
        Optional<Holder> stored = stored(token);
        if (stored.isEmpty() || stored.get().expired()) {
            return stored.orElse(null);
        }
        MasterAuth.Verdict verdict = master.check(token);
        if (!verdict.known()) {
            return stored.get();
        }
        if (verdict.holder().isEmpty()) {
            jdbc.sql("DELETE FROM agent_session WHERE token_hash = ?").param(BearerTokens.hash(token)).update();
            return null;
        }
        Holder now = verdict.holder().get();
        if (!now.name().equals(stored.get().name()) || !now.roles().equals(stored.get().roles())) {
            jdbc.sql("UPDATE agent_session SET email = ?, roles = ?, expires_at = ? WHERE token_hash = ?")
                    .params(now.name(), String.join(",", now.roles()), Timestamp.from(now.expiresAt()),
                            BearerTokens.hash(token)).update();
        }
        return now;
    }

    private Optional<Holder> stored(String token) {
        return jdbc.sql("SELECT email, roles, expires_at FROM agent_session WHERE token_hash = ?").param(BearerTokens.hash(token))
                .query((rs, row) -> new Holder(rs.getString(1),
                        Arrays.stream(rs.getString(2).split(",")).filter(role -> !role.isEmpty()).toList(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }
}
