package org.ipledger.master.auth;

import org.ipledger.web.BearerTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens of platforms, so an agent reads the ledger snapshot and runs its preflight without
 * an administrator's password. A platform has one token at a time: issuing a new one revokes the
 * old (within {@code ipledger.auth.token-cache}). Only the SHA-256 is stored.
 */
@Component
public class PlatformTokens {

    private final JdbcClient jdbc;

    PlatformTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public String issue(String platformId) {
        String token = BearerTokens.generate();
        jdbc.sql("DELETE FROM platform_token WHERE platform_id = ?").param(platformId).update();
        jdbc.sql("INSERT INTO platform_token (token_hash, platform_id) VALUES (?, ?)")
                .params(BearerTokens.hash(token), platformId).update();
        return token;
    }
}
