package org.ipledger.agent.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangesMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The captured changes sent to the master and not yet confirmed, kept in the agent's state in
 * binlog order ({@code capture_outbox}): written before capture's offsets pass them, deleted
 * once their receipts are handled. Used by the capture thread and the confirming thread, one
 * writer each.
 */
final class CaptureOutbox {

    /** A change on its way to the master: the event and when Debezium read its row. */
    record Pending(long id, ChangeEvent event, long capturedAtMicros) {
    }

    private final JdbcTemplate state;
    private final MessageSerializer serializer = new MessageSerializer();
    private final MessageDeserializer<ChangesMessage> deserializer = MessageDeserializer.changes();
    /** The next id; read on first use, when the state's schema is surely migrated. */
    private long nextId;

    CaptureOutbox(DataSource stateDataSource) {
        this.state = new JdbcTemplate(stateDataSource);
    }

    /** Stores the events in their order, before they are sent. */
    synchronized List<Pending> add(List<ChangeEvent> events, List<Long> capturedAtMicros) {
        if (nextId == 0) {
            Long last = state.queryForObject("SELECT MAX(id) FROM capture_outbox", Long.class);
            nextId = last == null ? 1 : last + 1;
        }
        List<Pending> pending = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Pending p = new Pending(nextId++, events.get(i), capturedAtMicros.get(i));
            pending.add(p);
            rows.add(new Object[] {p.id(), p.capturedAtMicros(),
                new String(serializer.serialize(p.event()), StandardCharsets.UTF_8)});
        }
        state.batchUpdate("INSERT INTO capture_outbox (id, captured_at_micros, event) VALUES (?, ?, ?)", rows);
        return pending;
    }

    /** What was sent and never confirmed, in order: to send again after a restart. */
    List<Pending> unconfirmed() {
        return state.query("SELECT id, captured_at_micros, event FROM capture_outbox ORDER BY id",
                (rs, n) -> new Pending(rs.getLong(1), (ChangeEvent) deserializer.deserialize(
                        rs.getString(3).getBytes(StandardCharsets.UTF_8)), rs.getLong(2)));
    }

    /** How many changes wait for their receipts. */
    long size() {
        return state.queryForObject("SELECT COUNT(*) FROM capture_outbox", Long.class);
    }

    /** Forgets every unconfirmed change: the platform left the master they were for. */
    void clear() {
        state.update("DELETE FROM capture_outbox");
    }

    /** Forgets the changes up to this one: their receipts are handled. */
    void confirmed(long throughId) {
        state.update("DELETE FROM capture_outbox WHERE id <= ?", throughId);
    }
}
