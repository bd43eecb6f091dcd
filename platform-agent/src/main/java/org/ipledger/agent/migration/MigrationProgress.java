package org.ipledger.agent.migration;

/**
 * How far the migration is, for the integration's status: rows confirmed by the master while
 * publishing, then rows deleted locally.
 *
 * @param phase {@code idle}, {@code snapshot}, {@code publishing}, {@code deleting}, {@code done}, {@code rejected}
 * @param done rows confirmed (publishing) or deleted locally (deleting)
 * @param total rows of the snapshot
 */
public record MigrationProgress(String phase, long done, long total) {

    static final MigrationProgress IDLE = new MigrationProgress("idle", 0, 0);
}
