package org.ipledger.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.embedded.Loopback;
import org.ipledger.testing.Signals;

/**
 * The MariaDB server of the platforms' own databases, apart from the master's as in a
 * deployment, so capture and local writes meet its crashes and stalls. It comes back on the same
 * port and data, as a restarted server would.
 */
final class DatabaseNode implements Node {

    /** The binlog server id; the agents' capture clients use others. */
    private static final int SERVER_ID = 41;

    private final Path dataDir;
    private final int port = Loopback.freePort();
    private volatile EmbeddedMariaDb server;

    private DatabaseNode(Path dataDir) {
        this.dataDir = dataDir;
        restart();
    }

    static DatabaseNode start(Path dataDir) {
        return new DatabaseNode(dataDir);
    }

    @Override
    public String name() {
        return FaultSchedule.DATABASE;
    }

    EmbeddedMariaDb server() {
        return server;
    }

    @Override
    public void kill() {
        long pid = pid();
        Signals.send(pid, "KILL");
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true));
        // Lets go of the dead server's run directory and shutdown hook; its data stays.
        server.close();
    }

    @Override
    public void restart() {
        server = EmbeddedMariaDb.start(dataDir, true, port, SERVER_ID);
    }

    @Override
    public void pause() {
        Signals.send(pid(), "STOP");
    }

    @Override
    public void resume() {
        Signals.send(pid(), "CONT");
    }

    void close() {
        server.close();
    }

    private long pid() {
        try {
            return Long.parseLong(Files.readString(dataDir.resolve("mariadbd.pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
