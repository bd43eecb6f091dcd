package org.ipledger.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo's applications while they run. {@link #close()} stops the agents before the master,
 * whose broker and database they use, and each application stops its own MariaDB and broker, so
 * nothing is left running. An application that finishes starting after close is closed at once.
 */
public final class RunningDemo implements AutoCloseable {

    private final PrintStream out;

    private ConfigurableApplicationContext master;

    private final Map<String, ConfigurableApplicationContext> agents = new LinkedHashMap<>();

    private final List<String> commands = new ArrayList<>();

    private boolean closed;

    RunningDemo(PrintStream out) {
        this.out = out;
    }

    /** The master's base URL, {@code http://127.0.0.1:PORT}. */
    public synchronized String masterUrl() {
        return DemoApplications.url(master);
    }

    /** The base URL of the named platform's agent. */
    public synchronized String agentUrl(String platform) {
        return DemoApplications.url(agents.get(platform));
    }

    /** The three command lines printed to try, without the leading {@code ./ipledger}. */
    public synchronized List<List<String>> commands() {
        return commands.stream().map(line -> List.of(line.split(" "))).toList();
    }

    synchronized void master(ConfigurableApplicationContext context) {
        if (closed) {
            context.close();
            return;
        }
        master = context;
    }

    synchronized void agent(String platform, ConfigurableApplicationContext context) {
        if (closed) {
            context.close();
            return;
        }
        agents.put(platform, context);
    }

    /** True once {@link #close()} has begun: a start still under way then ends with a failure to ignore. */
    public synchronized boolean closed() {
        return closed;
    }

    synchronized void command(String line) {
        commands.add(line);
    }

    /** Stops the agents, then the master; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        agents.forEach((name, context) -> stop(name, context));
        if (master != null) {
            stop("master", master);
        }
        DemoConsole.line(out, "demo", "stopped in " + DemoConsole.seconds(start));
    }

    private void stop(String name, ConfigurableApplicationContext context) {
        try {
            context.close();
            DemoConsole.line(out, name, "stopped");
        }
        catch (RuntimeException ex) {
            DemoConsole.line(out, name, "stopped with an error: " + ex);
        }
    }
}
