package org.ipledger.master.auth;

import java.util.List;

/** The body of {@code POST /api/v1/users}. */
public record UserRequest(String email, String password, List<String> roles) {
}
