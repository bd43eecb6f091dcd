package org.ipledger.agent.capture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What capture shows on the integration's status.
 *
 * @param running whether the binlog is being followed
 * @param held whether captured changes wait for the migration's chunks to be confirmed
 * @param waiting why capture has not started yet, while the agent tries again (the master's
 *        Kafka unreachable when the agent started)
 * @param failed why capture cannot start and is no longer tried (the binlog it must resume from was
 *        purged): the operator must act
 * @param rejections how many captured changes the master refused
 * @param latest the most recent refusals, newest first
 */
public record CaptureStatus(boolean running, boolean held, Optional<String> waiting, Optional<String> failed,
        long rejections, List<Rejection> latest) {

    /**
     * A captured change the master refused; the local row stays.
     *
     * @param table platform table of the row
     * @param localId the row's id in the platform database
     * @param error the master's stable code
     * @param message the master's sentence
     */
    public record Rejection(String eventId, String table, long localId, String error, String message, Instant at) {
    }
}
