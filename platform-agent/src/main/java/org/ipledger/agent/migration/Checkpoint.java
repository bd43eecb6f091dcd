package org.ipledger.agent.migration;

/**
 * Called by a migration at the places where a crash matters, so a test can stop it there
 * (by throwing) and check that the next run resumes.
 */
@FunctionalInterface
interface Checkpoint {

    Checkpoint NONE = (where, count) -> { };

    /**
     * @param where {@code chunk_confirmed}, {@code chunks_confirmed}, {@code rows_deleted}
     * @param count chunks confirmed or rows deleted so far
     */
    void reached(String where, long count);
}
