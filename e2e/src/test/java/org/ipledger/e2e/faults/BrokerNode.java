package org.ipledger.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.ipledger.embedded.Loopback;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.testing.ServiceProcess;

/**
 * The master's Kafka broker in a JVM of its own ({@link StandaloneBroker}), as an install with
 * an external broker runs: the fault run kills and freezes it apart from the master. It comes
 * back on the same port and data.
 */
final class BrokerNode implements Node {

    private static final String PRINCIPAL = "ipledger-master";

    private final Path dataDir;
    private final int port = Loopback.freePort();
    private final String password = UUID.randomUUID().toString();
    private volatile ServiceProcess process;

    private BrokerNode(Path dataDir) {
        this.dataDir = dataDir;
        restart();
    }

    static BrokerNode start(Path dataDir) {
        return new BrokerNode(dataDir);
    }

    @Override
    public String name() {
        return FaultSchedule.BROKER;
    }

    /** How the master logs in: as the broker's super user. */
    KafkaAccess masterAccess() {
        return KafkaAccess.loopback("127.0.0.1:" + port, PRINCIPAL, password);
    }

    @Override
    public void kill() {
        process.kill();
    }

    /** Starts it on its data and port; returns once it serves clients. */
    @Override
    public void restart() {
        Path ready = dataDir.resolve("ready");
        try {
            Files.deleteIfExists(ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ServiceProcess.startProgram(StandaloneBroker.class, List.of(dataDir.resolve("kafka").toString(),
                Integer.toString(port), PRINCIPAL, password, ready.toString()), dataDir.resolve("process.log"),
                Duration.ofSeconds(120), () -> Files.exists(ready));
    }

    @Override
    public void pause() {
        process.pause();
    }

    @Override
    public void resume() {
        process.resume();
    }

    void close() {
        process.close();
    }
}
