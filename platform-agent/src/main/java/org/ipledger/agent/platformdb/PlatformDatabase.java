package org.ipledger.agent.platformdb;

import java.net.URI;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's own database, which holds the tables {@code ipnet}, {@code ippool},
 * {@code ippool_range} and {@code ip} that the agent migrates, captures and empties.
 *
 * @param jdbcUrl a {@code jdbc:mysql:} or {@code jdbc:mariadb:} URL naming the database
 * @param kind which server answers, decided by its {@code VERSION()}
 */
public record PlatformDatabase(String jdbcUrl, String username, String password, DataSource dataSource,
        ServerKind kind) implements AutoCloseable {

    /** The two servers a platform may run on; they need different Debezium connectors. */
    public enum ServerKind {
        MARIADB, MYSQL;

        static ServerKind ofVersion(String version) {
            return version.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
        }
    }

    /** Connects and asks the server what it is. */
    public static PlatformDatabase connect(String jdbcUrl, String username, String password, DataSource dataSource) {
        String version = JdbcClient.create(dataSource).sql("SELECT VERSION()").query(String.class).single();
        return new PlatformDatabase(jdbcUrl, username, password, dataSource, ServerKind.ofVersion(version));
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Host of the server, for the binlog client. */
    public String host() {
        return location().getHost();
    }

    /** Port of the server, for the binlog client. */
    public int port() {
        int port = location().getPort();
        return port < 0 ? 3306 : port;
    }

    /** The database (schema) holding the platform tables. */
    public String databaseName() {
        String path = location().getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private URI location() {
        return URI.create(jdbcUrl.substring("jdbc:".length()));
    }

    /** Closes the connection pool. */
    @Override
    public void close() throws Exception {
        if (dataSource instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
