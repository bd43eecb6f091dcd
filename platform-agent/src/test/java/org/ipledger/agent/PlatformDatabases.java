package org.ipledger.agent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.testing.SharedMariaDb;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.StreamUtils;

/** Fresh platform databases with the platform schema v1, on the shared MariaDB of the test JVM or a given one. */
public final class PlatformDatabases {

    private PlatformDatabases() {
    }

    /** A new, empty platform database. */
    public static PlatformDatabase fresh() {
        return withSchema(SharedMariaDb.server(), SharedMariaDb.newDatabase("platform"));
    }

    /** A new, empty platform database on a server of its own, as a platform's database is in a deployment. */
    public static PlatformDatabase freshOn(EmbeddedMariaDb server) {
        return freshOn(server, "platform");
    }

    /** {@link #freshOn(EmbeddedMariaDb)} under this database name, for several platforms on one server. */
    public static PlatformDatabase freshOn(EmbeddedMariaDb server, String name) {
        return withSchema(server, server.createDatabase(name));
    }

    private static PlatformDatabase withSchema(EmbeddedMariaDb server, String url) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, server.username(), server.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Arrays.stream(platformSchema().replaceAll("(?m)^--.*$", "").split(";")).map(String::trim)
                .filter(statement -> !statement.isEmpty()).forEach(jdbc::execute);
        return PlatformDatabase.connect(url, server.username(), server.password(), dataSource);
    }

    private static String platformSchema() {
        try {
            return StreamUtils.copyToString(new ClassPathResource("platform-schema.sql").getInputStream(),
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
