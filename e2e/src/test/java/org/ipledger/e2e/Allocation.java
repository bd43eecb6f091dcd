package org.ipledger.e2e;

/**
 * One allocation request as its client saw it: the address of its one 201 and how many times it
 * was sent before that (more than one: it met a 503 or a lost connection and was retried).
 */
record Allocation(String requestId, int platform, long pool, String address, int attempts) {

    boolean retried() {
        return attempts > 1;
    }
}
