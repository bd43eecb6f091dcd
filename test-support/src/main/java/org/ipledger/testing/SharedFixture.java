package org.ipledger.testing;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server per JVM: started on first use, stopped when the JUnit run ends, and stopped at JVM
 * exit if no JUnit run was told about it (a test that only used the static accessors).
 *
 * @param <T> the server, closed to stop it
 */
final class SharedFixture<T extends AutoCloseable> {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedFixture.class);

    private final String name;

    private final Supplier<T> starter;

    private T server;

    private Thread shutdownHook;

    SharedFixture(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The running server, started now if this is the first use (or the first after a stop). */
    synchronized T get() {
        if (this.server == null) {
            this.server = this.starter.get();
            this.shutdownHook = new Thread(this::stop, this.name + "-shutdown");
            Runtime.getRuntime().addShutdownHook(this.shutdownHook);
        }
        return this.server;
    }

    /**
     * Stops the server when the JUnit run ends: JUnit 6 closes the AutoCloseable values of the
     * root context's store after the last test of the run.
     */
    void stopWhenRunEnds(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(this.name, key -> (AutoCloseable) this::stop);
    }

    /** Stops the server if it runs. */
    synchronized void stop() {
        if (this.server == null) {
            return;
        }
        T stopping = this.server;
        this.server = null;
        removeShutdownHook();
        try {
            stopping.close();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not stop the " + this.name, ex);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
        }
        catch (IllegalStateException ex) {
            // The JVM is already shutting down, possibly in this very hook.
        }
    }

}
