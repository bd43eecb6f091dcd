package org.ipledger.master.auth;

import java.util.List;

/** A user account as the API shows it (never its password). */
public record User(long id, String email, List<String> roles, boolean disabled) {
}
