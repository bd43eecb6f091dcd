package org.ipledger.master.auth;

/** The body of {@code POST /api/v1/auth/login}. */
public record LoginRequest(String email, String password) {
}
