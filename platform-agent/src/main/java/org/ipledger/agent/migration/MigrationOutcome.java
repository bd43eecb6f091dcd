package org.ipledger.agent.migration;

import java.util.Optional;

/**
 * How a call to {@link MigrationRun#migrate} ended.
 *
 * @param result what happened
 * @param migrationId the migration's id, stable across resumptions
 * @param rows rows in the migration's snapshot
 * @param error the master's error code ({@link Result#REJECTED}) or the agent's ({@link Result#FAILED})
 * @param message a human sentence for the error
 */
public record MigrationOutcome(Result result, String migrationId, long rows, Optional<String> error,
        Optional<String> message) {

    public enum Result {
        /** Every row is on the master and the local tables are empty of them. */
        COMPLETED,
        /** The master refused a chunk (a conflict); nothing was deleted locally. Not resumable. */
        REJECTED,
        /** Interrupted (master or database unreachable, timeout); calling migrate again resumes. */
        FAILED
    }

    static MigrationOutcome completed(String migrationId, long rows) {
        return new MigrationOutcome(Result.COMPLETED, migrationId, rows, Optional.empty(), Optional.empty());
    }

    public boolean completed() {
        return result == Result.COMPLETED;
    }
}
