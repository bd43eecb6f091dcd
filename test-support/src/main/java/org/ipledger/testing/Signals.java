package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * POSIX signals for the fault tests: Java's {@link Process} can only terminate a process, so
 * freezing one (SIGSTOP) and letting it go on (SIGCONT) goes through kill(1).
 */
public final class Signals {

    private Signals() {
    }

    /** Sends the signal, by name without the SIG prefix (STOP, CONT, KILL), and waits for kill(1). */
    public static void send(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
