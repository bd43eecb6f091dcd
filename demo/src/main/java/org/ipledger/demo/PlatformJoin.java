package org.ipledger.demo;

import java.io.PrintStream;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * Brings one platform to {@code active}: joins it when it has not joined yet, or lets a join
 * begun earlier resume, and prints each state and the migration's progress as it changes.
 */
final class PlatformJoin {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static final long POLL_MILLIS = 200;

    private final String name;

    private final AgentClient agent;

    private final PrintStream out;

    PlatformJoin(String name, AgentClient agent, PrintStream out) {
        this.name = name;
        this.agent = agent;
        this.out = out;
    }

    /** The agent's state now: {@code unconfigured}, {@code active}, ... */
    String state() {
        return agent.integration().path("state").asString();
    }

    /** Joins (unless joined already) and returns the platform id once the platform is active. */
    String untilActive(String masterUrl, String email, String password) {
        JsonNode status = agent.integration();
        if ("unconfigured".equals(status.path("state").asString())) {
            DemoConsole.line(out, name, "joining " + masterUrl + " as " + email);
            status = agent.join(masterUrl, email, password);
        }
        else {
            DemoConsole.line(out, name, "joined before, resuming (" + status.path("state").asString() + ")");
        }
        String shown = "";
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String line = describe(status);
            if (!line.equals(shown)) {
                DemoConsole.line(out, name, line);
                shown = line;
            }
            String state = status.path("state").asString();
            if ("active".equals(state)) {
                return status.path("platformId").asString();
            }
            if ("failed".equals(state) || "unconfigured".equals(state)) {
                throw new DemoFailure(name + ": the join ended " + state + ": " + status.path("message").asString(
                        status.path("error").asString("no reason given")) + " (./ipledger demo --fresh starts over)");
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure(name + ": not active after " + TIMEOUT.toSeconds() + " s (state " + state + ")");
            }
            sleep();
            status = agent.integration();
        }
    }

    private static String describe(JsonNode status) {
        JsonNode migration = status.path("migration");
        if (migration.isObject()) {
            String phase = migration.path("phase").asString("");
            return status.path("state").asString() + ": " + (phase.isEmpty() ? "" : phase + ", ")
                    + migration.path("done").asLong() + " of " + migration.path("total").asLong() + " rows";
        }
        if ("active".equals(status.path("state").asString())) {
            return "active as platform " + status.path("platformId").asString();
        }
        return status.path("state").asString();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }
}
