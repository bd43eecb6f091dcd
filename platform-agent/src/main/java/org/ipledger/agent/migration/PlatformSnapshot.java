package org.ipledger.agent.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.ipledger.agent.capture.IdRun;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.AddressStatus;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.change.PoolRow;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the four platform tables from one consistent snapshot and stores them as the chunks of a
 * migration (structure first, then addresses), with the ids it read and, in {@code local_owner},
 * the owner names, DNSBL lists and notes that stay on the platform (I5).
 */
class PlatformSnapshot {

    /** Rows per chunk: a chunk stays well under Kafka's default 1 MB record. */
    static final int CHUNK_ROWS = 5_000;

    private static final String STORED_STATUSES = "status IN ('allocated', 'reserved')";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlatformDatabase platform;
    private final MigrationStore store;
    private final JdbcTemplate state;
    private final MessageSerializer serializer = new MessageSerializer();

    PlatformSnapshot(PlatformDatabase platform, MigrationStore store, DataSource stateDataSource) {
        this.platform = platform;
        this.store = store;
        this.state = new JdbcTemplate(stateDataSource);
    }

    /**
     * Takes the snapshot into the store under a new migration, in phase publishing when it returns.
     *
     * @return rows in the snapshot
     */
    long take(String migrationId, String platformId) throws SQLException {
        store.create(migrationId, platformId);
        try (Connection connection = platform.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            try {
                long total = count(connection);
                int chunkTotal = (int) Math.max(1, (total + CHUNK_ROWS - 1) / CHUNK_ROWS);
                Chunks chunks = new Chunks(migrationId, platformId, chunkTotal);
                readNetworks(connection, chunks);
                readPools(connection, chunks);
                readRanges(connection, chunks);
                readAddresses(connection, chunks);
                chunks.finish();
                if (chunks.index != chunkTotal) {
                    throw new IllegalStateException("snapshot made " + chunks.index + " chunks, counted " + chunkTotal);
                }
                store.ready(migrationId, chunkTotal, total);
                return total;
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COMMIT");
                }
            }
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM ipnet) + (SELECT COUNT(*) FROM ippool)"
                        + " + (SELECT COUNT(*) FROM ippool_range) + (SELECT COUNT(*) FROM ip WHERE " + STORED_STATUSES + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void readNetworks(Connection connection, Chunks chunks) throws SQLException {
        IdRun.Builder ids = new IdRun.Builder();
        stream(connection, "SELECT id, name, addr, prefix, gateway, vlan, locations, note FROM ipnet ORDER BY id", rs -> {
            long id = rs.getLong(1);
            ids.add(id);
            Integer vlan = (Integer) rs.getObject(6);
            chunks.add(new NetworkRow(id, rs.getString(2), rs.getString(3), rs.getInt(4),
                    Optional.ofNullable(rs.getString(5)), Optional.ofNullable(vlan), locations(rs.getString(7)),
                    Optional.ofNullable(rs.getString(8))));
        });
        store.addIds(chunks.migrationId, PlatformTable.IPNET, ids.build());
    }

    private void readPools(Connection connection, Chunks chunks) throws SQLException {
        IdRun.Builder ids = new IdRun.Builder();
        stream(connection, "SELECT id, name, locations, note FROM ippool ORDER BY id", rs -> {
            long id = rs.getLong(1);
            ids.add(id);
            chunks.add(new PoolRow(id, rs.getString(2), locations(rs.getString(3)), Optional.ofNullable(rs.getString(4))));
        });
        store.addIds(chunks.migrationId, PlatformTable.IPPOOL, ids.build());
    }

    private void readRanges(Connection connection, Chunks chunks) throws SQLException {
        IdRun.Builder ids = new IdRun.Builder();
        stream(connection, "SELECT id, ippool, ipnet, start_addr, end_addr FROM ippool_range ORDER BY id", rs -> {
            long id = rs.getLong(1);
            ids.add(id);
            long network = rs.getLong(3);
            chunks.add(new PoolRangeRow(id, rs.getLong(2), rs.wasNull() ? Optional.empty() : Optional.of(network),
                    rs.getString(4), rs.getString(5)));
        });
        store.addIds(chunks.migrationId, PlatformTable.IPPOOL_RANGE, ids.build());
    }

    private void readAddresses(Connection connection, Chunks chunks) throws SQLException {
        IdRun.Builder ids = new IdRun.Builder();
        List<Object[]> owners = new ArrayList<>();
        stream(connection, "SELECT id, ippool, addr, status, owner, dnsbl, note FROM ip WHERE " + STORED_STATUSES
                + " ORDER BY id", rs -> {
            long id = rs.getLong(1);
            ids.add(id);
            long pool = rs.getLong(2);
            Optional<Long> poolId = rs.wasNull() ? Optional.empty() : Optional.of(pool);
            String address = rs.getString(3);
            chunks.add(new AddressRow(id, poolId, address, status(rs.getString(4))));
            String owner = rs.getString(5);
            String dnsbl = rs.getString(6);
            String note = rs.getString(7);
            if (owner != null || dnsbl != null || note != null) {
                owners.add(new Object[] {address, owner, dnsbl, note});
                if (owners.size() == CHUNK_ROWS) {
                    keepLocal(owners);
                }
            }
        });
        keepLocal(owners);
        store.addIds(chunks.migrationId, PlatformTable.IP, ids.build());
    }

    /** Owner names, DNSBL lists and notes go to the agent's state, never to the master (I5). */
    private void keepLocal(List<Object[]> owners) {
        if (!owners.isEmpty()) {
            state.batchUpdate("MERGE INTO local_owner (address, owner, dnsbl, note) KEY (address) VALUES (?, ?, ?, ?)",
                    owners);
            owners.clear();
        }
    }

    static AddressStatus status(String status) {
        return "reserved".equals(status) ? AddressStatus.RESERVED : AddressStatus.ALLOCATED;
    }

    static List<String> locations(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, new TypeReference<List<String>>() { });
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Streams a result set row by row instead of holding a million rows in memory. */
    private static void stream(Connection connection, String sql, RowReader reader) throws SQLException {
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /** Cuts the rows into chunks of {@link #CHUNK_ROWS} and stores each as it fills. */
    private final class Chunks {

        private final String migrationId;
        private final String platformId;
        private final int chunkTotal;
        private final List<NetworkRow> networks = new ArrayList<>();
        private final List<PoolRow> pools = new ArrayList<>();
        private final List<PoolRangeRow> ranges = new ArrayList<>();
        private final List<AddressRow> addresses = new ArrayList<>();
        private int rows;
        private int index;

        Chunks(String migrationId, String platformId, int chunkTotal) {
            this.migrationId = migrationId;
            this.platformId = platformId;
            this.chunkTotal = chunkTotal;
        }

        void add(Object row) {
            if (row instanceof AddressRow address) {
                addresses.add(address);
            } else if (row instanceof PoolRangeRow range) {
                ranges.add(range);
            } else if (row instanceof PoolRow pool) {
                pools.add(pool);
            } else {
                networks.add((NetworkRow) row);
            }
            if (++rows == CHUNK_ROWS) {
                store();
            }
        }

        void finish() {
            if (rows > 0 || index == 0) {
                store();
            }
        }

        private void store() {
            MigrationChunk chunk = new MigrationChunk(MigrationRun.eventId(migrationId, index), migrationId, platformId,
                    index, chunkTotal, networks, pools, ranges, addresses);
            MigrationStore target = PlatformSnapshot.this.store;
            target.addChunk(migrationId, index, rows, serializer.serialize(chunk));
            networks.clear();
            pools.clear();
            ranges.clear();
            addresses.clear();
            rows = 0;
            index++;
        }
    }
}
