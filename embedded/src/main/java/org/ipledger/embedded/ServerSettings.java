package org.ipledger.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mariadbd command line of an embedded server: a ROW binlog for change capture, loopback
 * only, utf8mb4 and UTC, room for two services' connection pools plus tests.
 *
 * <p>Durability is MariaDB's default for InnoDB ({@code innodb_flush_log_at_trx_commit=1}) and
 * stricter for the binlog ({@code sync_binlog=1} instead of 0): the embedded mode holds the ledger
 * of record, and change capture reads the binlog, so a commit that survives an OS crash must
 * survive in the binlog too, though every commit then waits for a second flush.
 *
 * @param baseDir where the binaries are
 * @param dataDir the data directory
 * @param runDir a private directory for the socket and temporary files of this run
 * @param port the TCP port on 127.0.0.1
 * @param serverId the binlog server id
 */
record ServerSettings(Path baseDir, Path dataDir, Path runDir, int port, int serverId) {

    static final String LOOPBACK = Loopback.ADDRESS;

    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                // Must come first: no my.cnf of the host may change our settings.
                "--no-defaults",
                // Log to stderr, where the ready message is awaited and errors are logged.
                "--console",
                "--basedir=" + baseDir,
                "--datadir=" + dataDir,
                "--tmpdir=" + runDir,
                "--socket=" + runDir.resolve("mariadbd.sock"),
                "--pid-file=" + dataDir.resolve(DataDirectory.PID_FILE),
                "--port=" + port,
                "--bind-address=" + LOOPBACK,
                "--skip-name-resolve",
                // MariaDB 11.4 otherwise generates a TLS key and certificate at every start, which
                // takes seconds; clients connect over loopback only.
                "--skip-ssl",
                "--server-id=" + serverId,
                // A fixed name: the default derives it from the host name, and a renamed host
                // would then orphan the binlog positions that change capture has stored.
                "--log-bin=mariadb-bin",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                // A transaction's binlog events wait in this per-connection buffer until commit and
                // go to a temporary file beyond it. 32 KiB by default: a command batch of about 40
                // allocations writes 50 KiB, so most of them spilled.
                "--binlog-cache-size=256K",
                // See the class comment: the binlog is as durable as the commit it records.
                "--sync-binlog=1",
                // Keeps a long-running embedded install from filling the disk; a week covers any
                // realistic downtime of the change capture reading it.
                "--binlog-expire-logs-seconds=604800",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                // Two service instances with pools of ~20 each, change capture and tests.
                "--max-connections=300",
                // Tests abort connections freely; never block 127.0.0.1 for that.
                "--max-connect-errors=1000000",
                // The default (2000 x 8 instances) asks for 32k file descriptors, more than many
                // hosts allow; a few hundred tables is all the services and tests use.
                "--table-open-cache=1000",
                "--max-allowed-packet=64M"));
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            arguments.add("--user=root");
        }
        return arguments;
    }

}
