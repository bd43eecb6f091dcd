package org.ipledger.master.pool;

import java.util.List;

/** The body of {@code POST /api/v1/pools}. */
public record PoolRequest(String name, List<String> locations, String note) {
}
