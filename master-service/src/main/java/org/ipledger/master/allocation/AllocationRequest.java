package org.ipledger.master.allocation;

/**
 * The body of {@code POST /api/v1/pools/{id}/allocations}: {@code count} lowest free addresses
 * (default 1) or one specific {@code address}; {@code requestId} makes a retry safe.
 */
public record AllocationRequest(String requestId, Integer count, String address, String owner) {
}
