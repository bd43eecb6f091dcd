package org.ipledger.master.changes;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ipledger.schemas.change.ChangesMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The processed-change log: each event's outcome and exact receipt, and a platform's conflicts. */
@Repository
class ChangeLog {

    private final JdbcClient jdbc;

    ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored receipt JSON of a platform's event processed before. */
    Optional<String> receipt(EventKey event) {
        return jdbc.sql("SELECT receipt FROM processed_change WHERE platform_id = ? AND event_id = ?")
                .params(event.platformId(), event.eventId()).query(String.class).optional();
    }

    /** The stored receipts of those of these events that were processed before. */
    Map<EventKey, String> receipts(Collection<EventKey> events) {
        Map<EventKey, String> receipts = new HashMap<>();
        // Both lists select a small cross product of the key's range; only the pairs asked for count.
        Set<EventKey> wanted = Set.copyOf(events);
        jdbc.sql("SELECT platform_id, event_id, receipt FROM processed_change "
                        + "WHERE platform_id IN (:platforms) AND event_id IN (:ids)")
                .param("platforms", wanted.stream().map(EventKey::platformId).distinct().toList())
                .param("ids", wanted.stream().map(EventKey::eventId).distinct().toList())
                .query(rs -> {
                    EventKey key = new EventKey(rs.getString(1), rs.getString(2));
                    if (wanted.contains(key)) {
                        receipts.put(key, rs.getString(3));
                    }
                });
        return receipts;
    }

    /** An event id is unique within the platform that chose it. */
    record EventKey(String platformId, String eventId) {

        static EventKey of(ChangesMessage message) {
            return new EventKey(message.platformId(), message.eventId());
        }
    }

    /** Stores the receipts of applied events, in one statement. */
    void storeApplied(List<Applied> applied) {
        if (applied.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(applied.size() * 4);
        applied.forEach(a -> params.addAll(List.of(a.eventId(), a.platformId(), a.kind(), a.receipt())));
        jdbc.sql("INSERT INTO processed_change (event_id, platform_id, kind, ok, receipt) VALUES "
                + String.join(", ", Collections.nCopies(applied.size(), "(?, ?, ?, TRUE, ?)"))).params(params).update();
    }

    /** An event applied in the current transaction and its receipt. */
    record Applied(String eventId, String platformId, String kind, String receipt) {
    }

    void store(String eventId, String platformId, String kind, boolean ok, String error, String message, String receipt) {
        jdbc.sql("INSERT INTO processed_change (event_id, platform_id, kind, ok, error, message, receipt) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(eventId, platformId, kind, ok, error, message, receipt).update();
    }

    /** The platform's refused events, newest first. */
    List<RecordedConflict> conflicts(String platformId, int limit) {
        return jdbc.sql("SELECT event_id, kind, error, message, receipt, processed_at FROM processed_change "
                        + "WHERE platform_id = ? AND ok = FALSE ORDER BY processed_at DESC, event_id LIMIT ?")
                .params(platformId, limit)
                .query((rs, n) -> new RecordedConflict(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6)))
                .list();
    }

    record RecordedConflict(String eventId, String kind, String error, String message, String receipt,
                            Timestamp processedAt) {
    }
}
