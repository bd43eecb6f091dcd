package org.ipledger.agent.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.ipledger.web.BearerTokens;
import org.ipledger.web.StoredTokenIntrospector.Holder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tokens the master issued to users who logged in through this agent, kept only as SHA-256
 * hashes with the user's roles and expiry.
 */
@Repository
class Sessions {

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void remember(String token, String email, List<String> roles, Instant expiresAt) {
        jdbc.sql("MERGE INTO agent_session (token_hash, email, roles, expires_at) KEY (token_hash) VALUES (?, ?, ?, ?)")
                .params(BearerTokens.hash(token), email, String.join(",", roles), Timestamp.from(expiresAt)).update();
        jdbc.sql("DELETE FROM agent_session WHERE expires_at < ?").param(Timestamp.from(Instant.now())).update();
    }

    Optional<Holder> find(String token) {
        return jdbc.sql("SELECT email, roles, expires_at FROM agent_session WHERE token_hash = ?").param(BearerTokens.hash(token))
                .query((rs, row) -> new Holder(rs.getString(1),
                        Arrays.stream(rs.getString(2).split(",")).filter(role -> !role.isEmpty()).toList(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }
}
