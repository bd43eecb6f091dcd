package org.ipledger.master.auth;

import java.time.Instant;
import java.util.List;

/** A bearer token, when it expires, and the roles it carries now. */
public record LoginResponse(String token, Instant expiresAt, List<String> roles) {
}
