package org.ipledger.master;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;

import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.testing.ServiceProcess;
import org.ipledger.testing.SharedKafka;
import org.ipledger.testing.SharedMariaDb;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh master database on the shared MariaDB of the test JVM, with direct SQL access for
 * assertions on what is really stored.
 */
public final class LedgerDatabase {

    private static final List<String> LEDGER_TABLES = List.of("ipnet", "ippool", "ippool_range", "ip", "auth_user",
            "processed_command", "ippool_journal", "ledger_outbox", "ledger_run", "ledger_position");

    private final String url;
    private final JdbcTemplate jdbc;

    private LedgerDatabase(String url) {
        this.url = url;
        EmbeddedMariaDb server = SharedMariaDb.server();
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url, server.username(), server.password()));
    }

    public static LedgerDatabase fresh() {
        return new LedgerDatabase(SharedMariaDb.newDatabase("ledger"));
    }

    /**
     * Starts a master on this database and the shared Kafka broker, with topics of its own
     * (prefixed by the database's name) so test classes never read each other's ledger.
     */
    public MasterInstance startMaster(String... properties) {
        return startMasterOn(SharedKafka.access(), properties);
    }

    /** Starts a master on this database and the given Kafka, logged in as the given principal. */
    public MasterInstance startMasterOn(KafkaAccess kafka, String... properties) {
        EmbeddedMariaDb server = SharedMariaDb.server();
        List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "ipledger.kafka.username=" + kafka.username(), "ipledger.kafka.password=" + kafka.password(),
                "ipledger.kafka.topic-prefix=" + topicPrefix()));
        all.addAll(List.of(properties));
        return MasterInstance.start(url, server.username(), server.password(), all.toArray(String[]::new));
    }

    /** Starts a master in a JVM of its own on this database, to be killed by a test. */
    public ServiceProcess startMasterProcess(int port, Path log, String... properties) {
        List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "ipledger.kafka.password=" + SharedKafka.masterPassword()));
        all.addAll(List.of(properties));
        return startProcess(port, log, all);
    }

    /**
     * Starts a master in a JVM of its own on this database and the given Kafka, logged in as the
     * given principal, with its data under {@code dataDir}: the broker is another process, which
     * a test can kill or freeze alone.
     */
    public ServiceProcess startMasterProcessOn(KafkaAccess kafka, int port, Path dataDir, Path log) {
        return startProcess(port, log, List.of("ipledger.data-dir=" + dataDir,
                "spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "ipledger.kafka.username=" + kafka.username(), "ipledger.kafka.password=" + kafka.password()));
    }

    /**
     * Starts a master in a JVM of its own with its embedded Kafka broker in the same JVM, as the
     * embedded mode runs: killing the process kills the broker too. The broker keeps its data
     * under {@code dataDir} and listens on {@code kafkaPort}, so a restart finds both again.
     */
    public ServiceProcess startMasterProcessWithItsBroker(int port, int kafkaPort, Path dataDir, Path log,
                                                         String... properties) {
        List<String> all = new ArrayList<>(List.of("ipledger.data-dir=" + dataDir, "ipledger.kafka.embedded-port=" + kafkaPort));
        all.addAll(List.of(properties));
        return startProcess(port, log, all);
    }

    private ServiceProcess startProcess(int port, Path log, List<String> properties) {
        EmbeddedMariaDb server = SharedMariaDb.server();
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + url,
                "spring.datasource.username=" + server.username(), "spring.datasource.password=" + server.password(),
                "ipledger.kafka.topic-prefix=" + topicPrefix(),
                "ipledger.admin.email=" + MasterInstance.ADMIN_EMAIL, "ipledger.admin.password=" + MasterInstance.ADMIN_PASSWORD,
                "spring.main.banner-mode=off"));
        all.addAll(properties);
        // Generous: a fault test restarts the master while other JVMs compete for the same two cores.
        return ServiceProcess.start(MasterServiceApplication.class, all, port, log, Duration.ofSeconds(240));
    }

    /** The prefix of this database's master's topics. */
    public String topicPrefix() {
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + ".";
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /**
     * Waits until the sequencer has numbered every committed outbox entry, then tells whether the
     * numbers are exactly 1..n.
     */
    public boolean ledgerIsGapFree() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT COUNT(*) FROM ledger_outbox") == count("SELECT COUNT(*) FROM ledger_entry"));
        return jdbc.queryForObject("SELECT COUNT(*) = COALESCE(MAX(seq), 0) AND COALESCE(MIN(seq), 1) = 1 "
                + "AND COUNT(DISTINCT seq) = COUNT(*) AND COUNT(DISTINCT outbox_id) = COUNT(*) "
                + "AND COUNT(*) = (SELECT last_seq FROM ledger_position) FROM ledger_entry", Boolean.class);
    }

    /** The ledger entry types of one entity, in sequence order, once all are numbered. */
    public List<String> ledgerTypes(String entityKey) {
        ledgerIsGapFree();
        return jdbc.queryForList("SELECT type FROM ledger_entry WHERE entity_key = ? ORDER BY seq", String.class, entityKey);
    }

    /**
     * A fingerprint of every ledger table's content once the sequencer has numbered every entry
     * (it numbers them in the background, after their writes commit): equal before and after
     * means nothing changed.
     */
    public String contentChecksum() {
        ledgerIsGapFree();
        StringBuilder checksum = new StringBuilder();
        for (String table : LEDGER_TABLES) {
            jdbc.query("CHECKSUM TABLE " + table, rs -> {
                checksum.append(table).append('=').append(rs.getString(2)).append(' ');
            });
        }
        return checksum.toString();
    }
}
