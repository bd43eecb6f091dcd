package org.ipledger.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A platform's address space before it joins, written into its own tables as the platform
 * itself would have: networks, pools, ranges and addresses with owner names.
 */
final class AddressSpaceSeed {

    private AddressSpaceSeed() {
    }

    /** True when the platform's four tables hold no row: a new platform, or one already migrated. */
    static boolean isEmpty(PlatformDatabase database) {
        return database.jdbc().sql("""
                SELECT (SELECT COUNT(*) FROM ipnet) + (SELECT COUNT(*) FROM ippool)
                     + (SELECT COUNT(*) FROM ippool_range) + (SELECT COUNT(*) FROM ip)""").query(Long.class).single() == 0;
    }

    /** Runs the platform's seed script and says what it wrote. */
    static String seed(PlatformDatabase database, DemoPlatform platform) {
        JdbcClient jdbc = database.jdbc();
        Arrays.stream(script(platform.seedScript()).replaceAll("(?m)^--.*$", "").split(";")).map(String::trim)
                .filter(statement -> !statement.isEmpty()).forEach(statement -> jdbc.sql(statement).update());
        return count(jdbc, "ipnet") + " networks, " + count(jdbc, "ippool") + " pools, " + count(jdbc, "ippool_range")
                + " ranges, " + count(jdbc, "ip") + " addresses (" + jdbc.sql("SELECT COUNT(*) FROM ip WHERE owner IS NOT NULL")
                .query(Long.class).single() + " with owner names)";
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private static String script(String resource) {
        try (InputStream in = AddressSpaceSeed.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the demo");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
