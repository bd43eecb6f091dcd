package org.ipledger.e2e.faults;

import java.nio.file.Path;

import org.ipledger.e2e.KillableMaster;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.schemas.KafkaAccess;

/**
 * The master in a JVM of its own: with its in-process Kafka broker as the embedded mode runs it,
 * so killing or freezing it takes the broker with it, or on a {@link BrokerNode} faulted apart.
 * Its database is the test JVM's shared MariaDB, which the checker reads at the end.
 */
final class MasterNode implements Node {

    private final KillableMaster master;

    private MasterNode(KillableMaster master) {
        this.master = master;
    }

    static MasterNode start(LedgerDatabase ledger, Path dataDir) {
        return new MasterNode(KillableMaster.start(ledger, dataDir));
    }

    static MasterNode startOn(BrokerNode broker, LedgerDatabase ledger, Path dataDir) {
        return new MasterNode(KillableMaster.startOn(ledger, dataDir, broker.masterAccess()));
    }

    @Override
    public String name() {
        return "master";
    }

    String baseUrl() {
        return master.baseUrl();
    }

    KafkaAccess kafka() {
        return master.kafka();
    }

    ApiClient admin() {
        return master.admin();
    }

    @Override
    public void kill() {
        master.kill();
    }

    @Override
    public void restart() {
        master.restart();
    }

    @Override
    public void pause() {
        master.pause();
    }

    @Override
    public void resume() {
        master.resume();
    }

    void close() {
        master.close();
    }
}
