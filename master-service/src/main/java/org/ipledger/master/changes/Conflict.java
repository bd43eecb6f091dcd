package org.ipledger.master.changes;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a platform's row cannot join the master's address space, as preflight answers it and as a
 * refused change or chunk reports it.
 *
 * @param kind a stable code: {@code network_overlap}, {@code range_overlap}, {@code address_taken}, ...
 * @param local the platform's row: {@code table} and {@code id} (or {@code address}) and what identifies it
 * @param master the master's row it collides with, with its {@code platformId}; absent when there is none
 * @param message one sentence naming the rows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conflict(String kind, Map<String, Object> local, Map<String, Object> master, String message) {

    /** A row reference: {@code table} first, then the given key-value pairs, nulls left out. */
    static Map<String, Object> row(String table, Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", table);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                row.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return row;
    }
}
