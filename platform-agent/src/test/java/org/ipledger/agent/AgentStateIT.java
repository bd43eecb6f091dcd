package org.ipledger.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agent's state database survives threads that are interrupted while they write to it:
 * Debezium's engine and the agent's own loops are stopped by interruption, and on a plain file
 * channel an interrupt in the middle of a write closes the channel, and H2 the whole database.
 */
class AgentStateIT {

    @TempDir
    Path dataDir;

    @Test
    void aCommitByAnInterruptedThreadLeavesTheStateDatabaseOpen() throws InterruptedException {
        try (AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh())) {
            JdbcTemplate state = agent.bean(JdbcTemplate.class);
            state.execute("CREATE TABLE interrupted_write (id INT PRIMARY KEY)");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                // Interrupted before it writes: the commit's I/O meets the interrupt for certain.
                Thread.currentThread().interrupt();
                try {
                    state.update("INSERT INTO interrupted_write (id) VALUES (1)");
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            writer.start();
            writer.join();

            assertThat(failure.get()).as("the write failed: %s", failure.get()).isNull();
            assertThat(stillInterrupted).as("the interrupt is kept for the thread's owner").isTrue();
            assertThat(state.queryForObject("SELECT COUNT(*) FROM interrupted_write", Long.class)).isEqualTo(1);
        }
    }
}
