package org.ipledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.platformdb.PlatformDatabase;

class AgentStartIT {

    @TempDir
    Path dataDir;

    @Test
    void startsOnAPlatformDatabaseAndKnowsItsServer() {
        PlatformDatabase platform = PlatformDatabases.fresh();
        try (AgentInstance agent = AgentInstance.start(dataDir, platform)) {
            assertThat(agent.bean(PlatformDatabase.class).kind()).isEqualTo(PlatformDatabase.ServerKind.MARIADB);
        }
    }
}
