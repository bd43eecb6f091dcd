package org.ipledger.master.auth;

import java.util.List;
import java.util.Set;

import org.ipledger.web.ApiException;
import org.ipledger.web.RoleNames;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * User roles ({@link RoleNames}), stored as a JSON array such as {@code ["@admin"]} so operators
 * can set them in SQL.
 */
final class Roles {

    private static final Set<String> KNOWN = Set.of(RoleNames.ADMIN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Roles() {
    }

    static List<String> valid(List<String> roles) {
        if (roles == null) {
            return List.of();
        }
        for (String role : roles) {
            if (!KNOWN.contains(role)) {
                throw ApiException.badRequest("invalid_role", "Unknown role '" + role + "'; known roles are " + KNOWN + ".");
            }
        }
        return roles.stream().distinct().toList();
    }

    static String toJson(List<String> roles) {
        return JSON.writeValueAsString(roles);
    }

    /** Roles as stored; anything that is not a JSON array of strings grants nothing. */
    static List<String> fromJson(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
