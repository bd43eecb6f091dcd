package org.ipledger.master.ledger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Entries this instance's sequencer has numbered and committed, kept for its publisher so that a
 * pass need not read them back from the database (three to five round trips on the path from a
 * commit to the topic). Only a shortcut: whatever is not here, because another instance numbered
 * it or there was no room, the publisher reads from the ledger tables as before. Entries stay
 * until a pass finds them published, so a pass that failed finds them again.
 */
final class HandedOverEntries {

    private final int capacity;
    /** Consecutive seqs, in order. */
    private final Deque<LedgerPositions.NumberedEntry> entries = new ArrayDeque<>();

    /** @param capacity the most entries kept: a migration numbers far ahead of what is sent */
    HandedOverEntries(int capacity) {
        this.capacity = capacity;
    }

    /** True when a sequencer pass of up to {@code count} entries would be kept. */
    synchronized boolean hasRoomFor(int count) {
        return entries.size() + count <= capacity;
    }

    /** Keeps entries numbered by one committed sequencer pass, consecutive seqs in order. */
    synchronized void add(List<LedgerPositions.NumberedEntry> numbered) {
        if (numbered.isEmpty() || entries.size() + numbered.size() > capacity) {
            return;
        }
        if (!entries.isEmpty() && entries.getLast().seq() + 1 != numbered.get(0).seq()) {
            // The seqs between were numbered by another instance, or by a pass of this one that
            // found no room: those are read from the database.
            entries.clear();
        }
        entries.addAll(numbered);
    }

    /**
     * Up to {@code limit} entries from {@code published + 1} on, or none when the next one to
     * publish is not here; drops what is published already.
     */
    synchronized List<LedgerPositions.NumberedEntry> after(long published, int limit) {
        while (!entries.isEmpty() && entries.getFirst().seq() <= published) {
            entries.removeFirst();
        }
        if (entries.isEmpty() || entries.getFirst().seq() != published + 1) {
            return List.of();
        }
        return entries.stream().limit(limit).toList();
    }
}
