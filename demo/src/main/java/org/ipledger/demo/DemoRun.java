package org.ipledger.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ipledger.agent.integration.SetupToken;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One start of the demo: the master and every platform's agent start side by side, each in a
 * thread group of its own (its log file); a new platform's database is seeded as soon as its
 * agent is up; once the master is up too, each platform joins (or resumes a join begun before)
 * until it is active; then the console says where to look and what to try.
 */
public final class DemoRun {

    private final DemoOptions options;

    private final PrintStream out;

    private final RunningDemo running;

    private final Path dataDir;

    private final long startNanos = System.nanoTime();

    private DemoRun(DemoOptions options, PrintStream out, RunningDemo running) {
        this.options = options;
        this.out = out;
        this.running = running;
        this.dataDir = options.dataDir().toAbsolutePath().normalize();
    }

    /**
     * Starts the demo and returns once every platform is active and the commands to try are
     * printed; on failure stops what it started and throws {@link DemoFailure}.
     */
    public static RunningDemo start(DemoOptions options, PrintStream out) {
        return start(options, out, new RunningDemo(out));
    }

    static RunningDemo start(DemoOptions options, PrintStream out, RunningDemo running) {
        try {
            new DemoRun(options, out, running).run();
            return running;
        }
        catch (RuntimeException ex) {
            running.close();
            Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
            throw (cause instanceof DemoFailure failure) ? failure : new DemoFailure(String.valueOf(cause.getMessage()), cause);
        }
    }

    private void run() {
        if (options.fresh()) {
            deleteTree(dataDir);
        }
        Path logs = dataDir.resolve("logs");
        createDirectories(logs);
        ThreadGroup masterGroup = new ThreadGroup("master");
        List<ThreadGroup> groups = new ArrayList<>(List.of(masterGroup));
        options.platforms().forEach(platform -> groups.add(new ThreadGroup(platform.name())));
        DemoLogs.routeTo(logs, groups);
        out.println("ipledger demo: data in " + dataDir + ", a log per application in " + logs);

        CompletableFuture<String> master = startIn(masterGroup, () -> onceMore("master", this::startMaster));
        List<CompletableFuture<String>> joins = new ArrayList<>();
        for (int i = 0; i < options.platforms().size(); i++) {
            DemoPlatform platform = options.platforms().get(i);
            ThreadGroup group = groups.get(i + 1);
            // Async, each in a thread of its own: run in the master's start thread, the joins would take turns.
            joins.add(startIn(group, () -> onceMore(platform.name(), () -> startAgent(platform)))
                    .thenCombineAsync(master, (agentUrl, masterUrl) -> join(platform, agentUrl, masterUrl),
                            task -> new Thread(group, task, platform.name() + "-join").start()));
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
        printReady(master.join());
    }

    private String startMaster() {
        ConfigurableApplicationContext context = DemoApplications.master(options);
        running.master(context);
        String url = DemoApplications.url(context);
        DemoConsole.line(out, "master", "up on " + url + " after " + DemoConsole.seconds(startNanos));
        return url;
    }

    private String startAgent(DemoPlatform platform) {
        ConfigurableApplicationContext context = DemoApplications.agent(platform, dataDir);
        running.agent(platform.name(), context);
        String url = DemoApplications.url(context);
        DemoConsole.line(out, platform.name(), "agent up on " + url + " after " + DemoConsole.seconds(startNanos));
        PlatformJoin join = new PlatformJoin(platform.name(), agentClient(platform, url), out);
        PlatformDatabase database = context.getBean(PlatformDatabase.class);
        if ("unconfigured".equals(join.state()) && AddressSpaceSeed.isEmpty(database)) {
            DemoConsole.line(out, platform.name(), "seeded its own database: " + AddressSpaceSeed.seed(database, platform));
        }
        return url;
    }

    private String join(DemoPlatform platform, String agentUrl, String masterUrl) {
        new PlatformJoin(platform.name(), agentClient(platform, agentUrl), out).untilActive(masterUrl, options.adminEmail(),
                options.adminPassword());
        return agentUrl;
    }

    /** A client of the platform's agent with the setup token the agent left in its data directory. */
    private AgentClient agentClient(DemoPlatform platform, String agentUrl) {
        Path file = dataDir.resolve(platform.name()).resolve(SetupToken.FILE_NAME);
        try {
            return new AgentClient(agentUrl, Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the agent's setup token " + file, e);
        }
    }

    private void printReady(String masterUrl) {
        String email = options.adminEmail();
        List<DemoPlatform> platforms = options.platforms();
        DemoPlatform first = platforms.get(0);
        DemoPlatform last = platforms.get(platforms.size() - 1);
        long pool = poolId(last);
        running.command("networks --url " + running.agentUrl(first.name()) + " --email " + email);
        running.command("allocate --url " + running.agentUrl(last.name()) + " --email " + email + " --pool " + pool
                + " --owner " + last.tryOwner());
        running.command("status --master " + masterUrl + " --email " + email);

        out.println();
        out.println("Ready after " + DemoConsole.seconds(startNanos) + ".");
        DemoConsole.line(out, "master", masterUrl + "  (OpenAPI: " + masterUrl + "/v3/api-docs)");
        for (DemoPlatform platform : platforms) {
            DemoConsole.line(out, platform.name(), running.agentUrl(platform.name()) + "  " + platform.kind() + " agent, "
                    + (platform.locations().isEmpty() ? "all locations" : "locations " + String.join(", ", platform.locations())));
        }
        DemoConsole.line(out, "admin", email + " / " + options.adminPassword());
        out.println();
        out.println("Try (the password is asked for):");
        running.commands().forEach(command -> out.println("  ./ipledger " + String.join(" ", command)));
        out.println();
        out.println("Ctrl-C stops everything. ./ipledger demo again resumes on the same data; --fresh starts over.");
    }

    /** The master's id of the platform's pool to allocate from, once the agent's replica has it. */
    private long poolId(DemoPlatform platform) {
        AgentClient agent = agentClient(platform, running.agentUrl(platform.name()));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Long> id = agent.poolId(platform.tryPool(), options.adminEmail(), options.adminPassword());
            if (id.isPresent()) {
                return id.get();
            }
            sleep(200);
        }
        throw new DemoFailure(platform.name() + " does not show pool " + platform.tryPool() + " after 30 s");
    }

    /**
     * Starts an application, and when that fails, once more: a first start installs MariaDB's
     * system tables, which now and then fails under a heavy load and succeeds when run again (a
     * failed start closes what it had started and leaves no half-installed data behind).
     */
    private <T> T onceMore(String part, Supplier<T> start) {
        try {
            return start.get();
        }
        catch (RuntimeException ex) {
            if (running.closed()) {
                throw ex;
            }
            DemoConsole.line(out, part, "did not start (" + rootCause(ex) + "); trying once more");
            return start.get();
        }
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static <T> CompletableFuture<T> startIn(ThreadGroup group, Supplier<T> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(group, () -> {
            try {
                result.complete(start.get());
            }
            catch (Throwable ex) {
                result.completeExceptionally(ex);
            }
        }, group.getName() + "-start");
        thread.start();
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + directory, ex);
        }
    }
}
