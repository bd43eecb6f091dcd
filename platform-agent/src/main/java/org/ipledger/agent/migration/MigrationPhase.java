package org.ipledger.agent.migration;

import java.util.Locale;

/** The stored phase of a migration; see {@code V3__migration_capture.sql}. */
enum MigrationPhase {
    SNAPSHOT, PUBLISHING, DELETING, DONE, REJECTED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MigrationPhase ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
