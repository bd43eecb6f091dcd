package org.ipledger.agent.replica;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ipledger.agent.api.ApiException;

/**
 * One page of a list with the cursor of the next, as the master pages: by key, never by offset;
 * {@code nextCursor} is absent on the last page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Page<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** A page from up to {@code limit + 1} rows in key order; the extra row only says there is more. */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }

    static long idCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_cursor", "cursor '" + cursor + "' is not one this API returned.");
        }
    }

    static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + requested + ".");
        }
        return requested;
    }
}
