package org.ipledger.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.ipledger.embedded.EmbeddedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(SharedMariaDb.class)
class SharedMariaDbIT {

    @Test
    void serverWritesAFullRowBasedBinlog() throws SQLException {
        String url = SharedMariaDb.newDatabase("binlog");

        Map<String, String> variables = variables(url, "SHOW VARIABLES WHERE Variable_name IN "
                + "('log_bin', 'binlog_format', 'binlog_row_image', 'server_id')");

        assertThat(variables).containsEntry("log_bin", "ON")
                .containsEntry("binlog_format", "ROW")
                .containsEntry("binlog_row_image", "FULL")
                .containsEntry("server_id", String.valueOf(SharedMariaDb.SERVER_ID));
    }

    @Test
    void serverListensOnLoopbackWithUtf8mb4AndUtc() throws SQLException {
        String url = SharedMariaDb.newDatabase("settings");

        Map<String, String> variables = variables(url, "SHOW VARIABLES WHERE Variable_name IN "
                + "('bind_address', 'character_set_server', 'time_zone', 'max_connections')");

        assertThat(variables).containsEntry("bind_address", "127.0.0.1")
                .containsEntry("character_set_server", "utf8mb4")
                .containsEntry("time_zone", "+00:00")
                .containsEntry("max_connections", "300");
    }

    @Test
    void newDatabasesAndTheirConnectionsUseTheServersCollation() throws SQLException {
        String url = SharedMariaDb.newDatabase("collation");

        Map<String, String> collations = variables(url, "SELECT 'database', default_collation_name "
                + "FROM information_schema.schemata WHERE schema_name = DATABASE() "
                + "UNION ALL SELECT 'connection', @@collation_connection "
                + "UNION ALL SELECT 'server', @@collation_server");

        assertThat(collations).containsOnly(Map.entry("database", "utf8mb4_unicode_ci"),
                Map.entry("connection", "utf8mb4_unicode_ci"), Map.entry("server", "utf8mb4_unicode_ci"));
    }

    @Test
    void eachNewDatabaseIsDistinctAndEmpty() throws SQLException {
        String first = SharedMariaDb.newDatabase("SharedMariaDbIT");
        String second = SharedMariaDb.newDatabase("SharedMariaDbIT");

        assertThat(first).isNotEqualTo(second).startsWith("jdbc:mysql://127.0.0.1:");
        assertThat(databaseAndTableCount(first)).isNotEqualTo(databaseAndTableCount(second));
        assertThat(databaseAndTableCount(first).getValue()).isZero();
        assertThat(databaseAndTableCount(second).getValue()).isZero();
    }

    @Test
    void aTableCanBeCreatedWrittenAndReadBack() throws SQLException {
        String url = SharedMariaDb.newDatabase("write");

        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE address (ip VARCHAR(45) PRIMARY KEY, owner VARCHAR(40))");
            int inserted = statement.executeUpdate(
                    "INSERT INTO address VALUES ('10.0.0.1', 'büro-α'), ('2001:db8::1', 'lab')");
            try (ResultSet rows = statement.executeQuery("SELECT owner FROM address WHERE ip = '10.0.0.1'")) {
                assertThat(inserted).isEqualTo(2);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("büro-α");
            }
        }
    }

    @Test
    void accountsAreEnforcedSoChangeCaptureCanHaveItsOwnUser() throws SQLException {
        String url = SharedMariaDb.newDatabase("accounts");
        String user = "cdc_" + UUID.randomUUID().toString().substring(0, 8);

        try (Connection root = connect(url); Statement statement = root.createStatement()) {
            statement.execute("CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'secret'");
            statement.execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '"
                    + user + "'@'127.0.0.1'");
        }

        try (Connection cdc = DriverManager.getConnection(url, user, "secret")) {
            assertThat(cdc.isValid(5)).isTrue();
        }
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> DriverManager.getConnection(url, user, "wrong").close())
                .withMessageContaining("Access denied");
    }

    private static Map.Entry<String, Integer> databaseAndTableCount(String url) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT DATABASE(), (SELECT COUNT(*) FROM "
                        + "information_schema.tables WHERE table_schema = DATABASE())")) {
            row.next();
            return Map.entry(row.getString(1), row.getInt(2));
        }
    }

    private static Map<String, String> variables(String url, String query) throws SQLException {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            Map<String, String> variables = new HashMap<>();
            while (rows.next()) {
                variables.put(rows.getString(1), rows.getString(2));
            }
            return variables;
        }
    }

    private static Connection connect(String url) throws SQLException {
        EmbeddedMariaDb server = SharedMariaDb.server();
        return DriverManager.getConnection(url, server.username(), server.password());
    }

}
