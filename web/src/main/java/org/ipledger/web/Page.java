package org.ipledger.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list, with the cursor of the next page; {@code nextCursor} is absent on the last
 * page. Lists are paged by key (never by offset), so a page costs the same at any depth.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in key order: the extra row only
     * says that another page exists.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(limit - 1)));
    }

    /** The id after which a page of an id-ordered list starts. */
    public static long idCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_cursor", "cursor '" + cursor + "' is not one this API returned.");
        }
    }

    /** Checks a requested page size and applies the default. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + requested + ".");
        }
        return requested;
    }
}
