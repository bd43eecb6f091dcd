package org.ipledger.agent.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.ipledger.agent.platformdb.PlatformDatabase;

/**
 * The Debezium embedded engine's settings for one platform: the connector of the platform's
 * server, its four tables only, streaming from now (no data snapshot: the migration does that),
 * offsets and schema history in files under the data directory, polled every {@code pollInterval}, with
 * heartbeats so that the offsets are stored also while the platform writes nothing.
 */
final class CaptureEngineSettings {

    private static final long SERVER_ID_BASE = 10_000;

    private CaptureEngineSettings() {
    }

    static Properties of(PlatformDatabase platform, String platformId, Path directory, Duration pollInterval) {
        String database = platform.databaseName();
        boolean mariadb = platform.kind() == PlatformDatabase.ServerKind.MARIADB;
        Properties p = new Properties();
        p.setProperty("name", "ipledger-capture");
        p.setProperty("connector.class", mariadb ? "io.debezium.connector.mariadb.MariaDbConnector"
                : "io.debezium.connector.mysql.MySqlConnector");
        p.setProperty("topic.prefix", topicPrefix(platformId));
        p.setProperty("database.hostname", platform.host());
        p.setProperty("database.port", Integer.toString(platform.port()));
        p.setProperty("database.user", platform.username());
        p.setProperty("database.password", platform.password());
        p.setProperty("database.server.id", Long.toString(serverId(platformId)));
        p.setProperty("database.ssl.mode", mariadb ? "disable" : "disabled");
        p.setProperty("database.include.list", database);
        p.setProperty("table.include.list",
                String.join(",", database + ".ipnet", database + ".ippool", database + ".ippool_range", database + ".ip"));
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("snapshot.locking.mode", "none");
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        p.setProperty("max.batch.size", "2048");
        p.setProperty("offset.storage", AtomicFileOffsetBackingStore.class.getName());
        p.setProperty("offset.storage.file.filename", offsetsFile(directory).toString());
        p.setProperty("offset.flush.interval.ms", "100");
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", directory.resolve("schema-history.dat").toString());
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
        p.setProperty("binary.handling.mode", "base64");
        p.setProperty("errors.max.retries", "-1");
        // Offsets are stored only with a record. Without heartbeats an agent that joined and saw
        // no local write had none, and restarted it began at the binlog's end: rows the platform
        // wrote while it was down were never captured. The server sends a heartbeat event every
        // 0.8 x the keep-alive interval while idle, and each event lets Debezium emit its own.
        p.setProperty("heartbeat.interval.ms", "1000");
        p.setProperty("connect.keep.alive.interval.ms", "5000");
        return p;
    }

    /** Where the engine stores its offsets: the binlog position capture resumes from. */
    static Path offsetsFile(Path directory) {
        return directory.resolve("offsets.dat");
    }

    /** Debezium's logical name, also the name of its metrics. */
    static String topicPrefix(String platformId) {
        return "ipledger_" + platformId.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A replica id of its own on the platform's server, stable for the platform. */
    static long serverId(String platformId) {
        return SERVER_ID_BASE + Math.floorMod(platformId.hashCode(), (int) ((1L << 31) - SERVER_ID_BASE));
    }
}
