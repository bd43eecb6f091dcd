package org.ipledger.master.pool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.ipledger.master.api.Locations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code ippool} table. */
@Repository
class PoolRepository {

    private static final String COLUMNS = "id, name, locations, note, platform_id";

    private final JdbcClient jdbc;

    PoolRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, List<String> locations, String note, String platformId) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ippool (name, locations, note, platform_id) VALUES (?, ?, ?, ?)")
                .params(name, Locations.toJson(locations), note, platformId)
                .update(key);
        return key.getKey().longValue();
    }

    Optional<Pool> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool WHERE id = ?").param(id).query(PoolRepository::map).optional();
    }

    /** Reads the pool and locks its row until the transaction ends, as an allocation batch does. */
    Optional<Pool> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool WHERE id = ? FOR UPDATE").param(id)
                .query(PoolRepository::map).optional();
    }

    List<Pool> page(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query(PoolRepository::map).list();
    }

    void update(Pool pool) {
        jdbc.sql("UPDATE ippool SET name = ?, locations = ?, note = ? WHERE id = ?")
                .params(pool.name(), Locations.toJson(pool.locations()), pool.note(), pool.id())
                .update();
    }

    /** The pool's ranges changed: its free-space indexes must be rebuilt. */
    void touchRanges(long id) {
        jdbc.sql("UPDATE ippool SET ranges_version = ranges_version + 1 WHERE id = ?").param(id).update();
    }

    boolean hasAddresses(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM ip WHERE ippool = ?)").param(id).query(Boolean.class).single();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM ippool_journal WHERE ippool = ?").param(id).update();
        jdbc.sql("DELETE FROM ippool_range WHERE ippool = ?").param(id).update();
        jdbc.sql("DELETE FROM ippool WHERE id = ?").param(id).update();
    }

    private static Pool map(ResultSet rs, int row) throws SQLException {
        return new Pool(rs.getLong("id"), rs.getString("name"), Locations.fromJson(rs.getString("locations")),
                rs.getString("note"), rs.getString("platform_id"));
    }
}
