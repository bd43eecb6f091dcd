package org.ipledger.master.changes;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A platform's conflicts: its refused change events and migration chunks, each with the reasons from its receipt. */
@Component
public class RefusedChanges {

    private final ChangeLog changeLog;
    private final JsonMapper json;

    RefusedChanges(ChangeLog changeLog, JsonMapper json) {
        this.changeLog = changeLog;
        this.json = json;
    }

    /** Newest first. */
    public List<RefusedChange> latest(String platformId, int limit) {
        return changeLog.conflicts(platformId, limit).stream()
                .map(c -> new RefusedChange(c.eventId(), c.kind(), c.error(), c.message(), c.processedAt().toInstant(),
                        json.readTree(c.receipt()).path("details").path("conflicts")))
                .toList();
    }

    /**
     * @param kind {@code change} or {@code migration_chunk}
     * @param conflicts the {@link Conflict}s as the receipt reported them
     */
    public record RefusedChange(String eventId, String kind, String error, String message, Instant processedAt,
                                JsonNode conflicts) {
    }
}
