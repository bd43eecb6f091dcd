package org.ipledger.master.changes;

import java.util.List;

/** Thrown inside a change's transaction to roll it back; carries every conflict found. */
final class ConflictsFound extends RuntimeException {

    private final transient List<Conflict> conflicts;

    ConflictsFound(List<Conflict> conflicts) {
        super(conflicts.get(0).message(), null, false, false);
        this.conflicts = List.copyOf(conflicts);
    }

    List<Conflict> conflicts() {
        return conflicts;
    }
}
