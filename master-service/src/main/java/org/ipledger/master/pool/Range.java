package org.ipledger.master.pool;

/** A pool range as the API shows it; {@code size} is a decimal string since IPv6 sizes exceed JSON numbers. */
public record Range(long id, long poolId, long networkId, String start, String end, String size) {
}
