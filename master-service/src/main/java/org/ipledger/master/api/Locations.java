package org.ipledger.master.api;

import java.util.List;

import org.ipledger.web.ApiException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Locations of a network or pool: a list of names, stored as a JSON array; absent or empty means
 * every location.
 */
public final class Locations {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Locations() {
    }

    public static List<String> valid(List<String> locations) {
        if (locations == null) {
            return List.of();
        }
        for (String location : locations) {
            if (location == null || location.isBlank() || location.length() > 255) {
                throw ApiException.badRequest("invalid_locations",
                        "locations must be non-empty names of at most 255 characters, got " + locations + ".");
            }
        }
        return locations.stream().distinct().toList();
    }

    public static String toJson(List<String> locations) {
        return locations == null || locations.isEmpty() ? null : JSON.writeValueAsString(locations);
    }

    public static List<String> fromJson(String json) {
        return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
    }
}
