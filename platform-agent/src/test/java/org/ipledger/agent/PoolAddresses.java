package org.ipledger.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ipledger.master.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every address of a pool as a client of the master or of an agent reads it, page by page, one
 * JSON item each, sorted, owner names aside (they never leave their platform): two nodes that
 * agree give equal lists.
 */
public final class PoolAddresses {

    private PoolAddresses() {
    }

    public static List<String> read(ApiClient reads, long pool) {
        List<String> items = new ArrayList<>(items(reads, pool).stream()
                .map(item -> ((ObjectNode) item).without("owner").toString()).toList());
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /** The pool's address items as the node answers them, owner names included, every page in order. */
    public static List<JsonNode> items(ApiClient reads, long pool) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = reads.get("/api/v1/addresses?pool=" + pool + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (page.status() != 200) {
                throw new IllegalStateException("addresses of pool " + pool + ": " + page);
            }
            JsonNode json = page.json();
            json.get("items").forEach(items::add);
            cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }
}
