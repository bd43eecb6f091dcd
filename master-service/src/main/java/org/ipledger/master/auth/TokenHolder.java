package org.ipledger.master.auth;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/auth/me}: the token's user (or platform), roles and expiry. */
public record TokenHolder(String email, List<String> roles, Instant expiresAt) {
}
