package org.ipledger.agent.platformdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.zaxxer.hikari.HikariDataSource;

import org.ipledger.agent.AgentProperties;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StreamUtils;

/**
 * The platform's database: the configured one, or in embedded mode (no
 * {@code ipledger.agent.platform-db.url}) a MariaDB under {@code ipledger.data-dir}/platform-db
 * with the platform schema, kept across restarts.
 */
@Configuration(proxyBeanMethods = false)
class PlatformDatabaseConfiguration {

    /** Server id of the embedded platform MariaDB's binlog; capture reads as a different one. */
    private static final int EMBEDDED_SERVER_ID = 11;

    @Bean(destroyMethod = "close")
    PlatformDatabase platformDatabase(AgentProperties properties, ObjectProvider<EmbeddedPlatformServer> embedded) {
        AgentProperties.PlatformDb configured = properties.agent().platformDb();
        if (!configured.url().isBlank()) {
            return connect(configured.url(), configured.username(), configured.password(), false);
        }
        EmbeddedMariaDb server = embedded.getObject().server();
        return connect(server.createDatabase("platform"), server.username(), server.password(), true);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPlatformServer embeddedPlatformServer(AgentProperties properties) {
        return new EmbeddedPlatformServer(properties);
    }

    private static PlatformDatabase connect(String url, String username, String password, boolean createSchema) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("platform-db");
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(username);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(4);
        PlatformDatabase database = PlatformDatabase.connect(url, username, password, dataSource);
        if (createSchema) {
            createPlatformSchema(database);
        }
        return database;
    }

    /** Creates the tables of schema v1 where they do not exist yet (embedded mode only). */
    private static void createPlatformSchema(PlatformDatabase database) {
        try {
            String script = StreamUtils.copyToString(new ClassPathResource("platform-schema.sql").getInputStream(),
                    StandardCharsets.UTF_8);
            Arrays.stream(script.replaceAll("(?m)^--.*$", "").split(";")).map(String::trim)
                    .filter(statement -> !statement.isEmpty())
                    .forEach(statement -> database.jdbc().sql(statement).update());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("platform-schema.sql is missing from the agent", e);
        }
    }

    /** The embedded platform MariaDB, started only when asked for. */
    static final class EmbeddedPlatformServer implements AutoCloseable {

        private final AgentProperties properties;
        private EmbeddedMariaDb server;

        EmbeddedPlatformServer(AgentProperties properties) {
            this.properties = properties;
        }

        synchronized EmbeddedMariaDb server() {
            if (server == null) {
                server = EmbeddedMariaDb.start(properties.dataDir().resolve("platform-db"), true, 0, EMBEDDED_SERVER_ID);
            }
            return server;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
