package org.ipledger.agent.replica;

import java.time.Instant;
import java.util.Optional;

/**
 * How far the stored replica is.
 *
 * @param loaded whether a snapshot has been loaded
 * @param appliedSeq the last ledger {@code seq} whose effect is in the replica
 * @param nextOffset the ledger topic offset to read next; absent right after a snapshot
 * @param snapshotAt when the last snapshot was requested, to find the start offset by time
 * @param masterUrl whose ledger this is
 * @param platformId as which platform it was read
 */
record ReplicaPosition(boolean loaded, long appliedSeq, Optional<Long> nextOffset, Optional<Instant> snapshotAt,
        Optional<String> masterUrl, Optional<String> platformId) {

    /** Whether this replica was read from the given master as the given platform. */
    boolean belongsTo(String master, String platform) {
        return masterUrl.filter(master::equals).isPresent() && platformId.filter(platform::equals).isPresent();
    }
}
