package org.ipledger.agent.migration;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.ipledger.agent.capture.IdRun;
import org.ipledger.schemas.change.PlatformTable;
import org.springframework.jdbc.core.JdbcTemplate;

/** The migration tables of the agent's state database: what a resumed migration continues from. */
class MigrationStore {

    record StoredMigration(String migrationId, MigrationPhase phase, int chunkTotal, long rowsTotal,
            long rowsDeleted, Optional<String> error, Optional<String> message) {
    }

    record StoredChunk(int index, int rowCount, byte[] payload) {
    }

    private final JdbcTemplate state;

    MigrationStore(DataSource stateDataSource) {
        this.state = new JdbcTemplate(stateDataSource);
    }

    Optional<StoredMigration> latest(String platformId) {
        return state.query("""
                SELECT migration_id, phase, chunk_total, rows_total, rows_deleted, error, message FROM migration
                WHERE platform_id = ? ORDER BY started_at DESC, migration_id FETCH FIRST 1 ROW ONLY""",
                (rs, n) -> new StoredMigration(rs.getString(1), MigrationPhase.ofCode(rs.getString(2)), rs.getInt(3),
                        rs.getLong(4), rs.getLong(5), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7))), platformId).stream().findFirst();
    }

    /** Forgets snapshots a crash left half-written: they are taken again. */
    void discardUnfinishedSnapshots(String platformId) {
        List<String> ids = state.queryForList("SELECT migration_id FROM migration WHERE platform_id = ? AND phase = ?",
                String.class, platformId, MigrationPhase.SNAPSHOT.code());
        for (String id : ids) {
            state.update("DELETE FROM migration_chunk WHERE migration_id = ?", id);
            state.update("DELETE FROM migration_ids WHERE migration_id = ?", id);
            state.update("DELETE FROM migration WHERE migration_id = ?", id);
        }
    }

    /** Forgets every migration: the platform left its master, and a new join migrates afresh. */
    void forgetAll() {
        state.update("DELETE FROM migration_chunk");
        state.update("DELETE FROM migration_ids");
        state.update("DELETE FROM migration");
    }

    void create(String migrationId, String platformId) {
        state.update("INSERT INTO migration (migration_id, platform_id, phase) VALUES (?, ?, ?)", migrationId,
                platformId, MigrationPhase.SNAPSHOT.code());
    }

    void addChunk(String migrationId, int index, int rowCount, byte[] payload) {
        state.update("INSERT INTO migration_chunk (migration_id, chunk_index, row_count, payload) VALUES (?, ?, ?, ?)",
                migrationId, index, rowCount, payload);
    }

    void addIds(String migrationId, PlatformTable table, List<IdRun> runs) {
        state.batchUpdate("INSERT INTO migration_ids (migration_id, tbl, first_id, last_id) VALUES (?, ?, ?, ?)",
                runs.stream().map(r -> new Object[] {migrationId, table.tableName(), r.first(), r.last()}).toList());
    }

    List<IdRun> ids(String migrationId, PlatformTable table) {
        return state.query("SELECT first_id, last_id FROM migration_ids WHERE migration_id = ? AND tbl = ? ORDER BY first_id",
                (rs, n) -> new IdRun(rs.getLong(1), rs.getLong(2)), migrationId, table.tableName());
    }

    /** The snapshot is complete: from now on the migration resumes instead of starting over. */
    void ready(String migrationId, int chunkTotal, long rowsTotal) {
        state.update("UPDATE migration SET phase = ?, chunk_total = ?, rows_total = ?, updated_at = CURRENT_TIMESTAMP WHERE migration_id = ?",
                MigrationPhase.PUBLISHING.code(), chunkTotal, rowsTotal, migrationId);
    }

    List<Integer> unconfirmedChunks(String migrationId) {
        return state.queryForList("SELECT chunk_index FROM migration_chunk WHERE migration_id = ? AND NOT confirmed ORDER BY chunk_index",
                Integer.class, migrationId);
    }

    StoredChunk chunk(String migrationId, int index) {
        return state.queryForObject("SELECT chunk_index, row_count, payload FROM migration_chunk WHERE migration_id = ? AND chunk_index = ?",
                (rs, n) -> new StoredChunk(rs.getInt(1), rs.getInt(2), rs.getBytes(3)), migrationId, index);
    }

    long confirmedRows(String migrationId) {
        Long rows = state.queryForObject("SELECT COALESCE(SUM(row_count), 0) FROM migration_chunk WHERE migration_id = ? AND confirmed",
                Long.class, migrationId);
        return rows == null ? 0 : rows;
    }

    void confirm(String migrationId, int index) {
        state.update("UPDATE migration_chunk SET confirmed = TRUE WHERE migration_id = ? AND chunk_index = ?", migrationId,
                index);
    }

    void moveTo(String migrationId, MigrationPhase phase) {
        state.update("UPDATE migration SET phase = ?, updated_at = CURRENT_TIMESTAMP WHERE migration_id = ?", phase.code(),
                migrationId);
    }

    void rejected(String migrationId, String error, String message) {
        state.update("UPDATE migration SET phase = ?, error = ?, message = ?, updated_at = CURRENT_TIMESTAMP WHERE migration_id = ?",
                MigrationPhase.REJECTED.code(), error, message, migrationId);
    }

    void rowsDeleted(String migrationId, long rows) {
        state.update("UPDATE migration SET rows_deleted = ? WHERE migration_id = ?", rows, migrationId);
    }

    /** The chunks are confirmed and their rows deleted: their bytes are not needed any more. */
    void dropPayloads(String migrationId) {
        state.update("UPDATE migration_chunk SET payload = NULL WHERE migration_id = ?", migrationId);
    }
}
