package org.ipledger.master.allocation;

/** The lock row of a pool as read under its lock: the versions a fresh index must carry. */
record PoolState(long version, long rangesVersion) {
}
