package org.ipledger.agent.migration;

import java.time.Duration;

import javax.sql.DataSource;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.capture.LocalRowRemoval;
import org.ipledger.agent.kafka.ChangeChannels;
import org.ipledger.agent.platformdb.PlatformDatabase;

/** Migration runs on an agent's beans that call a test at their checkpoints. */
final class MigrationRuns {

    private MigrationRuns() {
    }

    static MigrationRun withCheckpoint(AgentInstance agent, Checkpoint checkpoint) {
        return new MigrationRun(agent.bean(PlatformDatabase.class), agent.bean(DataSource.class),
                agent.bean(ChangeChannels.class), agent.bean(ChangeCapture.class), agent.bean(LocalRowRemoval.class),
                checkpoint, Duration.ofMinutes(1));
    }
}
