package org.ipledger.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.ScramUser;

/**
 * The embedded mode's Kafka broker as a process of its own, for the fault run's variant that
 * faults the broker apart from the master: the same broker (KRaft, SCRAM, the master's principal
 * its super user) on kept data, so a restart finds its topics and committed offsets again.
 *
 * <p>Arguments: data directory, port, super user, its password, and the file it writes once it
 * serves clients.
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Path.of(args[0]), true, Integer.parseInt(args[1]),
                new ScramUser(args[2], args[3]));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        Files.writeString(Path.of(args[4]), Long.toString(ProcessHandle.current().pid()));
        Thread.currentThread().join();
    }
}
