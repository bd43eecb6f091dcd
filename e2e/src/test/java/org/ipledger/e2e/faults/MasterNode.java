package org.ipledger.e2e.faults;

import java.nio.file.Path;

import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.testing.ServiceProcess;

/**
 * The master in a JVM of its own with its in-process Kafka broker, as the embedded mode runs it:
 * killing it takes the broker down with it. Its database is the test JVM's shared MariaDB, which
 * the checker reads at the end.
 */
final class MasterNode implements Node {

    private final LedgerDatabase ledger;
    private final Path dataDir;
    private final int port = Loopback.freePort();
    private final int kafkaPort = Loopback.freePort();
    private ServiceProcess process;

    private MasterNode(LedgerDatabase ledger, Path dataDir) {
        this.ledger = ledger;
        this.dataDir = dataDir;
        restart();
    }

    static MasterNode start(LedgerDatabase ledger, Path dataDir) {
        return new MasterNode(ledger, dataDir);
    }

    @Override
    public String name() {
        return "master";
    }

    String baseUrl() {
        return process.baseUrl();
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    ApiClient admin() {
        return ApiClient.loggedIn(baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    LedgerDatabase ledger() {
        return ledger;
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public void restart() {
        process = ledger.startMasterProcessWithOwnBroker(port, kafkaPort, dataDir);
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
