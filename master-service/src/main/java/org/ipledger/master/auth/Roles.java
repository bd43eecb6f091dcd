package org.ipledger.master.auth;

import java.util.List;
import java.util.Set;

import org.ipledger.web.ApiException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** User roles, stored as a JSON array such as {@code ["@admin"]} so operators can set them in SQL. */
public final class Roles {

    public static final String ADMIN = "@admin";
    /** Held by a platform's own token (never by a user): reads, and its own preflight and conflicts. */
    public static final String PLATFORM = "@platform";
    private static final Set<String> KNOWN = Set.of(ADMIN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Roles() {
    }

    /** The authority that names one platform, held by that platform's token. */
    public static String platform(String platformId) {
        return PLATFORM + ":" + platformId;
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
