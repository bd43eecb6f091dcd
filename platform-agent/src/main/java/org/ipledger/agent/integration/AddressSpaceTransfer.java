package org.ipledger.agent.integration;

import java.util.Optional;

/**
 * Moves the platform's local address space to the master (docs/design.md, flows 2 and 3); implemented
 * by the migration package.
 */
public interface AddressSpaceTransfer {

    /** The local address space as the master's preflight reads it. */
    Object summary();

    /**
     * Migrates everything local to the master and empties the local tables; blocks until done.
     * Resumable: called again after a crash it finishes the same migration.
     *
     * @throws org.ipledger.web.ApiException if the master refused a part of it
     */
    void migrate(MasterLink link);

    /** Rows done and total of the running migration, if one runs. */
    Optional<Progress> progress();

    /**
     * How far a migration is.
     *
     * @param phase {@code snapshot}, {@code publishing} (done = rows the master confirmed) or
     *        {@code deleting} (done = local rows deleted)
     */
    record Progress(String phase, long done, long total) {
    }
}
