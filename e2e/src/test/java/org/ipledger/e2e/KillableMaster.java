package org.ipledger.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.awaitility.Awaitility;

import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.testing.ServiceProcess;

/**
 * A master in a JVM of its own, restarted on the same data directory and port after a crash. In
 * the embedded mode's shape its Kafka broker runs in the same process, so SIGKILL takes both
 * down and a restart brings both back on the same data and ports, as a crash and a restart of an
 * embedded install would; or it connects to a broker of its own process, which a test faults apart.
 */
public final class KillableMaster implements AutoCloseable {

    private final LedgerDatabase database;
    private final Path dataDir;
    private final int port = Loopback.freePort();
    private final int kafkaPort = Loopback.freePort();
    /** The broker of another process it connects to; null when the broker is its own. */
    private final KafkaAccess externalKafka;
    private ServiceProcess process;

    private KillableMaster(LedgerDatabase database, Path dataDir, KafkaAccess externalKafka) {
        this.database = database;
        this.dataDir = dataDir;
        this.externalKafka = externalKafka;
        this.process = start();
    }

    /** A master with its broker in the same process. */
    public static KillableMaster start(LedgerDatabase database, Path dataDir) {
        return new KillableMaster(database, dataDir, null);
    }

    /** A master logged in to a broker that runs in another process, as the given principal. */
    public static KillableMaster startOn(LedgerDatabase database, Path dataDir, KafkaAccess kafka) {
        return new KillableMaster(database, dataDir, kafka);
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    /** The administrator, once the master has created the account: it answers HTTP a moment before. */
    public ApiClient admin() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> ApiClient.loggedIn(baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD),
                        Objects::nonNull);
    }

    /** SIGKILL of the master and its broker, then both again, once the master answers. */
    void killAndRestart() {
        kill();
        restart();
    }

    /** SIGKILL of the master and its broker: both down until {@link #restart()}. */
    public void kill() {
        process.kill();
    }

    /** SIGSTOP: the master and its broker hold their connections and answer nothing until {@link #resume()}. */
    public void pause() {
        process.pause();
    }

    public void resume() {
        process.resume();
    }

    /** Its broker, logged in as the master (in-process: with the password it generated at its first start). */
    public KafkaAccess kafka() {
        if (externalKafka != null) {
            return externalKafka;
        }
        try {
            return KafkaAccess.loopback("127.0.0.1:" + kafkaPort, "ipledger-master",
                    Files.readString(dataDir.resolve("kafka-password")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clean stop (SIGTERM): the broker shuts down with the master. */
    void stop() {
        process.close();
    }

    /** Starts it again after {@link #stop()} or {@link #kill()}, and returns once it answers. */
    public void restart() {
        process = start();
    }

    public String logTail() {
        return process.logTail();
    }

    private ServiceProcess start() {
        if (externalKafka != null) {
            return database.startMasterProcessOn(externalKafka, port, dataDir, dataDir.resolve("process.log"));
        }
        return database.startMasterProcessWithItsBroker(port, kafkaPort, dataDir, dataDir.resolve("process.log"));
    }

    @Override
    public void close() {
        process.close();
    }
}
