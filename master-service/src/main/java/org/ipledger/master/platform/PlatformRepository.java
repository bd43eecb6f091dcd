package org.ipledger.master.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.ipledger.master.api.Locations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code platform} table. */
@Repository
class PlatformRepository {

    private static final String COLUMNS = "p.id, p.name, p.kind, p.instance_id, p.locations, p.state, p.created_at, p.last_seen_at, "
            + "(SELECT last_seq FROM ledger_position WHERE id = 1) - p.last_applied_seq AS lag";

    private final JdbcClient jdbc;

    PlatformRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String name, String kind, String instanceId, List<String> locations, String secret) {
        jdbc.sql("INSERT INTO platform (id, name, kind, instance_id, locations, secret) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, name, kind, instanceId, Locations.toJson(locations), secret)
                .update();
    }

    Optional<Registered> byInstance(String instanceId) {
        return jdbc.sql("SELECT id, secret FROM platform WHERE instance_id = ?").param(instanceId)
                .query((rs, n) -> new Registered(rs.getString(1), rs.getString(2))).optional();
    }

    /** The signing secret of a joined platform; the master itself has none. */
    Optional<String> secret(String platformId) {
        return jdbc.sql("SELECT secret FROM platform WHERE id = ? AND secret IS NOT NULL").param(platformId)
                .query(String.class).optional();
    }

    /** Gives a registered platform a new signing secret; the old one verifies nothing more. */
    void secretRotated(String platformId, String secret) {
        jdbc.sql("UPDATE platform SET secret = ? WHERE id = ? AND secret IS NOT NULL").params(secret, platformId).update();
    }

    /**
     * Marks the platform detached and replaces its secret with one nobody is given, so nothing
     * signed with the old one is accepted.
     *
     * @return false if there is no such platform (or it is the master itself)
     */
    boolean detached(String platformId, String unknownSecret) {
        return jdbc.sql("UPDATE platform SET state = 'detached', secret = ? WHERE id = ? AND secret IS NOT NULL")
                .params(unknownSecret, platformId).update() == 1;
    }

    /** A detached platform that registers again is registered, until its agent reports more. */
    void registeredAgain(String platformId) {
        jdbc.sql("UPDATE platform SET state = 'registered' WHERE id = ? AND state = 'detached'").param(platformId)
                .update();
    }

    void seen(Collection<String> platformIds) {
        jdbc.sql("UPDATE platform SET last_seen_at = UTC_TIMESTAMP(6) WHERE id IN (:ids)")
                .param("ids", platformIds).update();
    }

    void applied(String platformId, long appliedSeq, Optional<String> state) {
        jdbc.sql("UPDATE platform SET last_applied_seq = ?, state = COALESCE(?, state), last_seen_at = UTC_TIMESTAMP(6) "
                + "WHERE id = ?").params(appliedSeq, state.orElse(null), platformId).update();
    }

    List<Platform> page(String afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform p WHERE p.id > ? AND p.secret IS NOT NULL ORDER BY p.id LIMIT ?")
                .params(afterId, limit).query(PlatformRepository::map).list();
    }

    Optional<Platform> find(String platformId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM platform p WHERE p.id = ? AND p.secret IS NOT NULL").param(platformId)
                .query(PlatformRepository::map).optional();
    }

    private static Platform map(ResultSet rs, int row) throws SQLException {
        Timestamp seen = rs.getTimestamp("last_seen_at");
        return new Platform(rs.getString("id"), rs.getString("name"), rs.getString("kind"), rs.getString("instance_id"),
                Locations.fromJson(rs.getString("locations")), rs.getString("state"),
                rs.getTimestamp("created_at").toInstant(), seen == null ? null : seen.toInstant(), rs.getObject("lag", Long.class));
    }

    /** The id and secret of a registered platform. */
    record Registered(String id, String secret) {
    }
}
