package org.ipledger.agent.platformdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the agent reads from the platform's server and URL to choose and configure its capture. */
class PlatformDatabaseTests {

    @Test
    void aServerIsMariaDbWhenItsVersionSaysSoAndMySqlOtherwise() {
        assertThat(PlatformDatabase.ServerKind.ofVersion("11.4.2-MariaDB-log")).isEqualTo(PlatformDatabase.ServerKind.MARIADB);
        assertThat(PlatformDatabase.ServerKind.ofVersion("10.11.6-MariaDB-0+deb12u1")).isEqualTo(PlatformDatabase.ServerKind.MARIADB);
        assertThat(PlatformDatabase.ServerKind.ofVersion("8.4.3")).isEqualTo(PlatformDatabase.ServerKind.MYSQL);
        assertThat(PlatformDatabase.ServerKind.ofVersion("8.0.39-0ubuntu0.22.04.1")).isEqualTo(PlatformDatabase.ServerKind.MYSQL);
    }

    @Test
    void readsHostPortAndDatabaseFromEitherKindOfUrl() {
        PlatformDatabase mysql = new PlatformDatabase("jdbc:mysql://db.local/vmmgr?useSSL=false", "u", "p", null,
                PlatformDatabase.ServerKind.MYSQL);
        PlatformDatabase mariadb = new PlatformDatabase("jdbc:mariadb://127.0.0.1:3307/dci", "u", "p", null,
                PlatformDatabase.ServerKind.MARIADB);

        assertThat(mysql.host()).isEqualTo("db.local");
        assertThat(mysql.port()).isEqualTo(3306);
        assertThat(mysql.databaseName()).isEqualTo("vmmgr");
        assertThat(mariadb.port()).isEqualTo(3307);
        assertThat(mariadb.databaseName()).isEqualTo("dci");
    }
}
