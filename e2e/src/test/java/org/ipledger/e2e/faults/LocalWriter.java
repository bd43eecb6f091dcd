package org.ipledger.e2e.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import org.ipledger.agent.platformdb.PlatformDatabase;

/**
 * The platform itself writing into its own tables every half second, as a platform that knows
 * nothing of ipledger does: in one transaction a network, a pool, a range of that pool in the
 * network and an address of the range with its owner. Capture must carry each row to the master
 * once and remove it locally, and the owner must stay on the platform. A write whose commit
 * failed may or may not have happened: it is kept as uncertain.
 */
final class LocalWriter implements Runnable {

    private static final long EVERY_MS = 500;
    /** Short, so a frozen or dead server fails a write instead of stalling the writer. */
    private static final String TIMEOUTS = "&connectTimeout=3000&socketTimeout=5000";

    private final int platform;
    private final PlatformDatabase database;
    private final BooleanSupplier loading;
    private final Queue<Write> writes = new ConcurrentLinkedQueue<>();

    /**
     * The n-th local write of a platform: its network 10.(200 + 10 x platform + n / 256).(n % 256).0/24
     * lies inside no pool of the master and overlaps no other platform's; {@code certain} when its
     * commit was acknowledged.
     */
    record Write(int platform, int n, String owner, boolean certain) {

        String networkAddress() {
            return "10." + (200 + 10 * platform + n / 256) + "." + (n % 256) + ".0";
        }

        String cidr() {
            return networkAddress() + "/24";
        }

        String pool() {
            return "p" + platform + "-pool-" + n;
        }

        String rangeStart() {
            return hostOf(10);
        }

        String rangeEnd() {
            return hostOf(20);
        }

        String address() {
            return hostOf(11);
        }

        private String hostOf(int host) {
            return networkAddress().substring(0, networkAddress().length() - 1) + host;
        }
    }

    LocalWriter(int platform, PlatformDatabase database, BooleanSupplier loading) {
        this.platform = platform;
        this.database = database;
        this.loading = loading;
    }

    @Override
    public void run() {
        for (int n = 0; loading.getAsBoolean() && !Thread.currentThread().isInterrupted(); n++) {
            // The "-vm-" of every owner name is what the checker looks for on the master.
            String owner = "p" + platform + "-vm-local-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
            Write write = new Write(platform, n, owner, false);
            writes.add(new Write(platform, n, owner, insert(write)));
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

    private boolean insert(Write write) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl() + TIMEOUTS, database.username(),
                database.password())) {
            connection.setAutoCommit(false);
            long network = insert(connection, "INSERT INTO ipnet (name, addr, prefix) VALUES (?, ?, 24)",
                    "p" + platform + "-net-" + write.n(), write.networkAddress());
            long pool = insert(connection, "INSERT INTO ippool (name) VALUES (?)", write.pool());
            insert(connection, "INSERT INTO ippool_range (ippool, ipnet, start_addr, end_addr) VALUES (?, ?, ?, ?)",
                    pool, network, write.rangeStart(), write.rangeEnd());
            insert(connection, "INSERT INTO ip (ippool, addr, status, owner) VALUES (?, ?, 'allocated', ?)",
                    pool, write.address(), write.owner());
            connection.commit();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs one insert and gives the id it generated. */
    private static long insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }
}
