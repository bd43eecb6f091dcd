package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.debezium.config.Configuration;
import io.debezium.config.Field;
import io.debezium.connector.mariadb.MariaDbConnectorConfig;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.junit.jupiter.api.Test;

/**
 * Each server kind gets its own Debezium connector, and that connector accepts every setting:
 * the two spell some values differently (SSL mode), and a MySQL server is not at hand in tests.
 */
class CaptureEngineSettingsTests {

    @Test
    void aMariaDbServerIsCapturedByTheMariaDbConnectorWhichAcceptsEverySetting() {
        Properties settings = settingsFor(PlatformDatabase.ServerKind.MARIADB);

        assertThat(settings.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(problems(settings, MariaDbConnectorConfig.ALL_FIELDS)).isEmpty();
    }

    @Test
    void aMySqlServerIsCapturedByTheMySqlConnectorWhichAcceptsEverySetting() throws Exception {
        Properties settings = settingsFor(PlatformDatabase.ServerKind.MYSQL);

        assertThat(settings.getProperty("connector.class")).isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(Class.forName(settings.getProperty("connector.class"))).isNotNull();
        assertThat(problems(settings, MySqlConnectorConfig.ALL_FIELDS)).isEmpty();
    }

    @Test
    void capturesOnlyThePlatformsFourTablesFromNowOn() {
        Properties settings = settingsFor(PlatformDatabase.ServerKind.MYSQL);

        assertThat(settings.getProperty("table.include.list"))
                .isEqualTo("vm.ipnet,vm.ippool,vm.ippool_range,vm.ip");
        assertThat(settings.getProperty("snapshot.mode")).isEqualTo("no_data");
    }

    @Test
    void debeziumPollsAtTheConfiguredInterval() {
        PlatformDatabase platform = new PlatformDatabase("jdbc:mysql://127.0.0.1:3306/vm", "agent", "secret", null,
                PlatformDatabase.ServerKind.MARIADB);

        Properties settings = CaptureEngineSettings.of(platform, "vmmanager-1", Path.of("/tmp/capture"), Duration.ofMillis(50));

        assertThat(settings.getProperty("poll.interval.ms")).isEqualTo("50");
    }

    private static Properties settingsFor(PlatformDatabase.ServerKind kind) {
        PlatformDatabase platform = new PlatformDatabase("jdbc:mysql://127.0.0.1:3306/vm", "agent", "secret", null, kind);
        return CaptureEngineSettings.of(platform, "vmmanager-1", Path.of("/tmp/capture"), Duration.ofMillis(10));
    }

    private static List<String> problems(Properties settings, Field.Set fields) {
        List<String> problems = new ArrayList<>();
        Configuration.from(settings).validateAndRecord(fields, problems::add);
        return problems;
    }
}
