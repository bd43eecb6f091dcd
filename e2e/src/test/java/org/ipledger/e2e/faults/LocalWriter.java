package org.ipledger.e2e.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import org.ipledger.agent.platformdb.PlatformDatabase;

/**
 * The platform itself writing into its own {@code ipnet} table every half second, as a platform
 * that knows nothing of ipledger does; capture must carry each row to the master once and remove
 * it locally. A write whose commit failed may or may not have happened: it is kept as uncertain.
 */
final class LocalWriter implements Runnable {

    private static final long EVERY_MS = 500;
    /** Short, so a frozen or dead server fails a write instead of stalling the writer. */
    private static final String TIMEOUTS = "&connectTimeout=3000&socketTimeout=5000";

    private final int platform;
    private final PlatformDatabase database;
    private final BooleanSupplier loading;
    private final Queue<Write> writes = new ConcurrentLinkedQueue<>();

    /** One network written locally, by its CIDR; {@code certain} when its commit was acknowledged. */
    record Write(int platform, String cidr, boolean certain) {
    }

    LocalWriter(int platform, PlatformDatabase database, BooleanSupplier loading) {
        this.platform = platform;
        this.database = database;
        this.loading = loading;
    }

    @Override
    public void run() {
        for (int n = 0; loading.getAsBoolean() && !Thread.currentThread().isInterrupted(); n++) {
            // 10.(200 + 10 x platform + n / 256).(n % 256).0/24: inside no pool's network, and no two platforms' overlap.
            String address = "10." + (200 + 10 * platform + n / 256) + "." + (n % 256) + ".0";
            writes.add(new Write(platform, address + "/24", insert(address, n)));
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    private boolean insert(String address, int n) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl() + TIMEOUTS, database.username(),
                database.password());
                PreparedStatement insert = connection.prepareStatement("INSERT INTO ipnet (name, addr, prefix) VALUES (?, ?, 24)")) {
            insert.setString(1, "p" + platform + "-net-" + n);
            insert.setString(2, address);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
