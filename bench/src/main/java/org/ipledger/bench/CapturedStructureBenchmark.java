package org.ipledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.changes.JoinedPlatform;

/**
 * The master applying a platform's captured local writes that each add structure, as a platform
 * that creates a network, a pool, a range and an owned address in one transaction sends them:
 * rounds of such writes sent at once, each round timed from its first send until its last
 * address is on the master, while the master's networks grow round by round. The rate should not
 * fall as the master holds more networks.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.CapturedStructureBenchmark
 * [-Drounds=8 -Dwrites=250]}
 */
public final class CapturedStructureBenchmark {

    private static final int ROUNDS = Integer.getInteger("rounds", 8);
    private static final int WRITES = Integer.getInteger("writes", 250);

    public static void main(String[] args) throws Exception {
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster();
             JoinedPlatform platform = new JoinedPlatform(master.adminClient(), database)) {
            int id = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> events = new ArrayList<>(WRITES * 4);
                for (int w = 0; w < WRITES; w++) {
                    id++;
                    String block = "10." + (id / 250) + "." + (id % 250) + ".";
                    events.add(platform.change("ipnet", "create", "{\"id\":" + id + ",\"name\":\"n" + id + "\",\"addr\":\""
                            + block + "0\",\"prefix\":24}"));
                    events.add(platform.change("ippool", "create", "{\"id\":" + id + ",\"name\":\"p" + id + "\"}"));
                    events.add(platform.change("ippool_range", "create", "{\"id\":" + id + ",\"ippool\":" + id + ",\"ipnet\":"
                            + id + ",\"start_addr\":\"" + block + "10\",\"end_addr\":\"" + block + "200\"}"));
                    events.add(platform.change("ip", "create", "{\"id\":" + id + ",\"ippool\":" + id + ",\"addr\":\""
                            + block + "11\",\"status\":\"allocated\"}"));
                }
                long networksBefore = database.count("SELECT COUNT(*) FROM ipnet");
                long start = System.nanoTime();
                platform.send(events.toArray(String[]::new));
                int expected = id;
                Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                        database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platform.id) == expected);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("bench: round %d: %d local writes (%d events) with %d networks on the master before: "
                        + "%.1f s, %.0f local writes/s%n", round, WRITES, WRITES * 4, networksBefore, seconds, WRITES / seconds);
            }
        }
        // The shared test servers (MariaDB, Kafka) keep threads alive that exec:java would wait for.
        System.exit(0);
    }

    private CapturedStructureBenchmark() {
    }
}
