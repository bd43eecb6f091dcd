package org.ipledger.web;

import java.security.SecureRandom;
import java.util.Base64;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * Bearer tokens: 256 random bits, of which a service stores only the SHA-256, so a copy of its
 * database cannot be used to log in.
 */
public final class BearerTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerTokens() {
    }

    /** A fresh token, URL-safe Base64 without padding. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token in lower-case hex, as stored (and as MySQL's {@code SHA2(token, 256)} gives it). */
    public static String hash(String token) {
        return DigestUtils.sha256Hex(token);
    }
}
