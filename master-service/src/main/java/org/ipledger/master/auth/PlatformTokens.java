package org.ipledger.master.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ipledger.web.BearerTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens of platforms, so an agent reads the ledger snapshot, runs its preflight and
 * detaches itself without an administrator's password. A platform has one token at a time: issuing
 * a new one revokes the old, and so does a detach; on this instance at once, on others within
 * {@code ipledger.auth.token-cache}. Only the SHA-256 is stored.
 */
@Component
public class PlatformTokens {

    private final JdbcClient jdbc;
    private final TokenStore tokens;

    PlatformTokens(JdbcClient jdbc, TokenStore tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    public String issue(String platformId) {
        revoke(platformId);
        String token = BearerTokens.generate();
        jdbc.sql("INSERT INTO platform_token (token_hash, platform_id) VALUES (?, ?)")
                .params(BearerTokens.hash(token), platformId).update();
        return token;
    }

    /**
     * When the platform's token, and with it its signing secret and Kafka password, was last
     * issued: at its registration or its agent's last registration again; none once revoked.
     */
    public Optional<Instant> issuedAt(String platformId) {
        // Read as the platform's registration time is, so the two compare on the page.
        return jdbc.sql("SELECT MAX(created_at) FROM platform_token WHERE platform_id = ?").param(platformId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)).single();
    }

    /** Deletes the platform's token; it authenticates nothing more. */
    public void revoke(String platformId) {
        List<String> hashes = jdbc.sql("SELECT token_hash FROM platform_token WHERE platform_id = ?").param(platformId)
                .query(String.class).list();
        jdbc.sql("DELETE FROM platform_token WHERE platform_id = ?").param(platformId).update();
        // Forgotten after the delete has committed, so no request in between caches the old holder again.
        tokens.forget(hashes);
    }
}
