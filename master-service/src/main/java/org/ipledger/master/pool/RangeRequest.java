package org.ipledger.master.pool;

/** The body of {@code POST /api/v1/pools/{id}/ranges}: either start and end, or a CIDR. */
public record RangeRequest(String start, String end, String cidr) {
}
