package org.ipledger.master.console;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.ipledger.web.Page;

/** Every item of a paged API listing, for pages that filter or rank the whole list. */
final class Pages {

    private Pages() {
    }

    static <T> List<T> all(BiFunction<String, Integer, Page<T>> listing) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            Page<T> page = listing.apply(cursor, Page.MAX_LIMIT);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }
}
