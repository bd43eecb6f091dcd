package org.ipledger.master.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the numbered ledger for people: the latest entries, and the entries of one entity
 * (an address's history). An entry's seq is found from the run of its outbox id, the latest run
 * starting at or before it, one index look-up each, rather than through the {@code ledger_entry}
 * view, which would number every entry to sort them. Entries not yet numbered are left out.
 */
@Component
public class LedgerEntries {

    private static final String SELECT = """
            SELECT (SELECT r.first_seq + (o.id - r.first_outbox_id) FROM ledger_run r
                    WHERE r.first_outbox_id <= o.id ORDER BY r.first_outbox_id DESC LIMIT 1) AS seq,
                   o.type, o.entity_key, o.platform_id, o.committed_at
            FROM ledger_outbox o
            WHERE o.id <= (SELECT last_outbox_id FROM ledger_position WHERE id = 1)
            """;

    private final JdbcClient jdbc;

    LedgerEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest numbered entries, newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.sql(SELECT + " ORDER BY o.id DESC LIMIT ?").param(limit).query(LedgerEntries::entry).list();
    }

    /** The numbered entries of one entity ({@link EntityKeys}), newest first. */
    public List<Entry> of(String entityKey, int limit) {
        return jdbc.sql(SELECT + " AND o.entity_key = ? ORDER BY o.id DESC LIMIT ?").params(entityKey, limit)
                .query(LedgerEntries::entry).list();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }

    /** One ledger entry without its entity: what changed, when and for which platform. */
    public record Entry(long seq, String type, String entityKey, String platformId, Instant committedAt) {
    }
}
