package org.ipledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PoolAddresses;
import org.ipledger.embedded.EmbeddedMariaDb;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.testing.ServiceProcess;
import org.springframework.util.FileSystemUtils;

/**
 * The platform's path measured as deployed: the master with its broker in a process of its own,
 * each agent in a process of its own, the platforms' databases on a MariaDB server apart from the
 * master's, load from {@code wrk} (a process of its own, 16 connections per target) allocating
 * one address per request from one shared pool, through an agent with the agent's token and an
 * owner name. Shapes, in this order: the master's REST alone (the baseline, before any agent
 * joins), one agent, all agents at once, the master's REST again with the agents joined and idle.
 * Between the join and the first agent shape, {@code idle-seconds} (20) without requests show what
 * the joined federation costs with nothing to do.
 * Each shape runs at least four warm-up rounds, more until two in a row agree within 5 % and the
 * JIT compilers of the master and the agents took at most 5 % of their CPU in the last (at most
 * {@code max-warm-up-rounds}, 24: on two cores shared by four service JVMs, the agents' shapes
 * still climb after ten), then one measured round with the CPU each process used per
 * allocation (and each thread group inside the master and the agents) and the operations per
 * pool transaction on the master. {@code shapes} (all of {@code alone,one,all,joined}) chooses
 * the shapes measured. At
 * the end: duplicates on the master, and every replica compared with the master. After the shapes
 * that load the ledger hardest, each agent's replica lag (master commit to applied).
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.PlatformPathBenchmark
 * [-Dagents=3 -Dseconds=20 -Dwarm-up-seconds=10 -Dmin-warm-up-rounds=4 -Dmax-warm-up-rounds=24 -Dshapes=one,all]}
 */
public final class PlatformPathBenchmark {

    private static final int AGENTS = Integer.getInteger("agents", 3);
    private static final int SECONDS = Integer.getInteger("seconds", 20);
    private static final int WARM_UP_SECONDS = Integer.getInteger("warm-up-seconds", 10);
    private static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("idle-seconds", 20));
    private static final int MIN_WARM_UP_ROUNDS = Integer.getInteger("min-warm-up-rounds", 4);
    private static final int MAX_WARM_UP_ROUNDS = Integer.getInteger("max-warm-up-rounds", 24);
    private static final int PLATFORM_DB_SERVER_ID = 41;
    /** The shapes to measure, of {@code alone,one,all,joined}; the agents join whichever are chosen. */
    private static final List<String> SHAPES = List.of(System.getProperty("shapes", "alone,one,all,joined").split(","));

    private final LedgerDatabase ledger;
    private final Wrk wrk;
    private final long pool;
    private final Map<String, Long> processes;
    private final List<Long> agentPids;
    private final int masterManagementPort;
    private final BrokerTopics broker;
    private int runs;

    private PlatformPathBenchmark(LedgerDatabase ledger, Wrk wrk, long pool, Map<String, Long> processes,
            List<Long> agentPids, int masterManagementPort) {
        this.ledger = ledger;
        this.wrk = wrk;
        this.pool = pool;
        this.processes = processes;
        this.agentPids = agentPids;
        this.masterManagementPort = masterManagementPort;
        this.broker = BrokerTopics.attach(processes.get("master+broker"));
    }

    public static void main(String[] args) {
        // The shared test MariaDB keeps threads alive that would keep the JVM running; on a failure
        // the exit runs the hooks that stop the services started so far.
        try {
            run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        // The agents' state, the platforms' MariaDB and the logs: several GB after a whole run.
        Path work = Files.createTempDirectory("platform-path");
        try {
            run(work);
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    private static void run(Path work) throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        List<KillableAgent> agents = new ArrayList<>();
        List<Integer> managementPorts = new ArrayList<>();
        int masterManagementPort = Loopback.freePort();
        try (EmbeddedMariaDb platformDb = EmbeddedMariaDb.start(work.resolve("platform-db"), false, 0, PLATFORM_DB_SERVER_ID);
                ServiceProcess master = ledger.startMasterProcessWithItsBroker(Loopback.freePort(), Loopback.freePort(),
                        work.resolve("master"), work.resolve("master/process.log"),
                        "management.server.port=" + masterManagementPort)) {
            try {
                ApiClient admin = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> ApiClient.loggedIn(master.baseUrl(), MasterInstance.ADMIN_EMAIL,
                                MasterInstance.ADMIN_PASSWORD), Objects::nonNull);
                long pool = new RestFixture(admin).poolWithRange("10.0.0.0/8", "10.0.0.1", "10.255.255.254");
                Map<String, Long> processes = new LinkedHashMap<>();
                processes.put("master+broker", master.pid());
                long platformDbPid = Long.parseLong(Files.readString(work.resolve("platform-db/mariadbd.pid")).strip());
                ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
                        .filter(p -> p.pid() != platformDbPid).findFirst()
                        .ifPresent(p -> processes.put("master's mariadbd", p.pid()));
                processes.put("platforms' mariadbd", platformDbPid);
                List<Long> agentPids = new ArrayList<>();
                PlatformPathBenchmark bench = new PlatformPathBenchmark(ledger, Wrk.withScript(work), pool, processes, agentPids,
                        masterManagementPort);
                Wrk.Target masterTarget = new Wrk.Target("master", master.baseUrl(), admin.token(), null);

                Shape alone = bench.measureIf("alone", "master's REST alone", List.of(masterTarget));

                List<Wrk.Target> agentTargets = new ArrayList<>();
                for (int i = 0; i < AGENTS; i++) {
                    int managementPort = Loopback.freePort();
                    managementPorts.add(managementPort);
                    KillableAgent agent = KillableAgent.start(work.resolve("agent-" + i),
                            PlatformDatabases.freshOn(platformDb, "platform_" + i), "management.server.port=" + managementPort);
                    agents.add(agent);
                    agent.joinTo(master.baseUrl());
                    processes.put("agent-" + i, agent.pid());
                    agentPids.add(agent.pid());
                    String token = ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD)
                            .token();
                    agentTargets.add(new Wrk.Target("agent-" + i, agent.baseUrl(), token, "p" + i));
                }
                System.out.printf("%d agents joined%n", AGENTS);
                awaitReplicasCaughtUp(managementPorts);
                bench.idle(IDLE);

                Shape one = bench.measureIf("one", "1 agent", agentTargets.subList(0, 1));
                Shape all = bench.measureIf("all", AGENTS + " agents", agentTargets);
                replicaLag(managementPorts);
                Shape joined = bench.measureIf("joined", "master's REST, agents joined", List.of(masterTarget));
                replicaLag(managementPorts);

                System.out.printf("%nRATIO 1 agent / master alone: %.2f%n", one.rate() / alone.rate());
                System.out.printf("RATIO %d agents / master alone: %.2f%n", AGENTS, all.rate() / alone.rate());
                System.out.printf("RATIO master with agents joined / master alone: %.2f%n", joined.rate() / alone.rate());
                System.out.println("duplicates on the master: "
                        + ledger.count("SELECT COUNT(*) - COUNT(DISTINCT addr) FROM ip") + " of "
                        + ledger.count("SELECT COUNT(*) FROM ip") + " addresses");
                bench.compareReplicas(admin, agents);
                System.out.println("load average at the end: " + loadAverage());
            } finally {
                agents.forEach(KillableAgent::close);
            }
        }
    }

    private record Shape(double rate) {
    }

    /** The shape measured when {@code shapes} names it; else a rate that makes its ratios NaN. */
    private Shape measureIf(String shape, String name, List<Wrk.Target> targets) {
        return SHAPES.contains(shape) ? measure(name, targets) : new Shape(Double.NaN);
    }

    private Shape measure(String name, List<Wrk.Target> targets) {
        System.out.printf("%n== %s (%d × 16 connections) ==%n", name, targets.size());
        double previous = -1;
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            List<Long> pids = groupPids();
            List<Map<String, Double>> before = pids.stream().map(ProcessCpu::byThreadGroup).toList();
            double usedBefore = pids.stream().mapToDouble(ProcessCpu::seconds).sum();
            double rate = total(wrk.run(targets, pool, WARM_UP_SECONDS, "w" + runs++));
            double compiling = compiling(before, pids.stream().map(ProcessCpu::byThreadGroup).toList())
                    / (pids.stream().mapToDouble(ProcessCpu::seconds).sum() - usedBefore);
            System.out.printf("warm-up round %d: %.0f allocations/s, JIT compilers %.0f %% of the services' CPU%n", round,
                    rate, compiling * 100);
            // Two close rounds early on can still be the JIT's plateau between compilations; a fresh
            // agent's compilers keep busy long after its rate looks steady, taking CPU the
            // measured round would count as the path's.
            if (round >= MIN_WARM_UP_ROUNDS && Math.abs(rate - previous) <= 0.05 * Math.max(rate, previous)
                    && compiling <= ProcessCpu.SETTLED_COMPILING_SHARE) {
                break;
            }
            previous = rate;
        }
        Map<String, Double> cpuBefore = cpu();
        List<Map<String, Double>> groupsBefore = groupPids().stream().map(ProcessCpu::byThreadGroup).toList();
        double[] batchesBefore = poolBatches();
        Map<String, long[]> topicsBefore = broker.counts();
        List<Wrk.Result> results = wrk.run(targets, pool, SECONDS, "m" + runs++);
        Map<String, long[]> topicsAfter = broker.counts();
        double[] batchesAfter = poolBatches();
        Map<String, Double> cpuAfter = cpu();
        List<Map<String, Double>> groupsAfter = groupPids().stream().map(ProcessCpu::byThreadGroup).toList();

        long requests = results.stream().mapToLong(Wrk.Result::requests).sum();
        double rate = total(results);
        System.out.printf("MEASURED %s: %.0f allocations/s, p50 %.1f ms, p99 %.1f ms (worst target), %d errors%n", name,
                rate, results.stream().mapToDouble(Wrk.Result::p50Ms).max().orElseThrow(),
                results.stream().mapToDouble(Wrk.Result::p99Ms).max().orElseThrow(),
                results.stream().mapToLong(Wrk.Result::errors).sum());
        for (int i = 0; i < results.size(); i++) {
            Wrk.Result r = results.get(i);
            System.out.printf("  %s: %.0f/s, p50 %.1f ms, p99 %.1f ms, %d errors%n", targets.get(i).name(), r.rate(),
                    r.p50Ms(), r.p99Ms(), r.errors());
        }
        // Per allocation, and in cores busy: an idle process's steady cost shows in the second.
        double seconds = results.stream().mapToDouble(Wrk.Result::seconds).max().orElseThrow();
        System.out.println("  CPU by process: ms per allocation, cores busy");
        double all = 0;
        for (String process : cpuAfter.keySet()) {
            double used = cpuAfter.get(process) - cpuBefore.get(process);
            all += used;
            System.out.printf("    %-22s %7.3f  %.2f%n", process, used * 1000 / requests, used / seconds);
        }
        double wrkCpu = results.stream().mapToDouble(Wrk.Result::cpuSeconds).sum();
        System.out.printf("    %-22s %7.3f  %.2f%n    %-22s %7.3f  %.2f%n", "wrk", wrkCpu * 1000 / requests,
                wrkCpu / seconds, "all", (all + wrkCpu) * 1000 / requests, (all + wrkCpu) / seconds);
        List<String> groupNames = groupNames();
        for (int i = 0; i < groupNames.size(); i++) {
            printGroups(groupNames.get(i), "ms per allocation", groupsBefore.get(i), groupsAfter.get(i), requests / 1000.0);
        }
        double transactions = batchesAfter[0] - batchesBefore[0];
        System.out.printf("  master's pool transactions: %.0f, %.1f operations each%n", transactions,
                (batchesAfter[1] - batchesBefore[1]) / transactions);
        topicsAfter.forEach((topic, after) -> {
            long[] before = topicsBefore.getOrDefault(topic, new long[2]);
            long records = after[1] - before[1];
            long produces = after[0] - before[0];
            if (records > 0) {
                System.out.printf("  broker, %s: %d records in %d produce requests, %.1f per request%n", topic, records,
                        produces, (double) records / produces);
            }
        });
        System.out.println("  load average: " + loadAverage());
        return new Shape(rate);
    }

    /** The processes whose thread groups are printed: the master (its broker's threads among them) and each agent. */
    private List<Long> groupPids() {
        List<Long> pids = new ArrayList<>(List.of(processes.get("master+broker")));
        pids.addAll(agentPids);
        return pids;
    }

    private List<String> groupNames() {
        List<String> names = new ArrayList<>(List.of("master+broker"));
        for (int i = 0; i < agentPids.size(); i++) {
            names.add("agent-" + i);
        }
        return names;
    }

    /** The CPU seconds the JIT compiler threads of the master and the agents used between two readings. */
    private static double compiling(List<Map<String, Double>> before, List<Map<String, Double>> after) {
        double compiling = 0;
        for (int i = 0; i < after.size(); i++) {
            compiling += ProcessCpu.compiling(before.get(i), after.get(i));
        }
        return compiling;
    }

    /** The master's pool transactions so far and the operations they held (ipledger.pool.batch.size). */
    private double[] poolBatches() {
        String metrics = metrics(masterManagementPort);
        return new double[] {sample(metrics, "ipledger_pool_batch_size_count"), sample(metrics, "ipledger_pool_batch_size_sum")};
    }

    private static double sample(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    /**
     * What the federation costs with nothing to do: cores busy by process (and by thread group
     * inside the agents) while no request arrives, e.g. consumers polling and heartbeats.
     */
    private void idle(Duration duration) throws InterruptedException {
        System.out.printf("%n== idle, agents joined (%d s) ==%n", duration.toSeconds());
        Map<String, Double> before = cpu();
        List<Map<String, Double>> groupsBefore = agentPids.stream().map(ProcessCpu::byThreadGroup).toList();
        Thread.sleep(duration.toMillis());
        Map<String, Double> after = cpu();
        double seconds = duration.toMillis() / 1000.0;
        System.out.println("  CPU by process: cores busy");
        after.forEach((process, used) -> System.out.printf("    %-22s %.3f%n", process, (used - before.get(process)) / seconds));
        for (int i = 0; i < agentPids.size(); i++) {
            printGroups("agent-" + i, "cores busy", groupsBefore.get(i), ProcessCpu.byThreadGroup(agentPids.get(i)),
                    seconds);
        }
    }

    /** The thread groups that used the most CPU between two readings, each divided by {@code per}. */
    private static void printGroups(String agent, String unit, Map<String, Double> before, Map<String, Double> after,
            double per) {
        StringBuilder line = new StringBuilder("  " + agent + " by thread group (" + unit + "):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / per))
                .filter(e -> e.getValue() >= 0.001).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(10).forEach(e -> line.append(String.format(" %s %.3f;", e.getKey(), e.getValue())));
        System.out.println(line);
    }

    private Map<String, Double> cpu() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
        seconds.put("bench JVM", ProcessCpu.seconds(ProcessHandle.current().pid()));
        return seconds;
    }

    /**
     * Each agent's replica lag, master commit to applied (ipledger.replica.delay), as its
     * Prometheus endpoint gives it: percentiles over about the last two minutes.
     */
    private static void replicaLag(List<Integer> managementPorts) {
        for (int i = 0; i < managementPorts.size(); i++) {
            String metrics = metrics(managementPorts.get(i));
            System.out.printf("  replica lag of agent-%d, last 2 min: p50 %s ms, p99 %s ms%n", i,
                    quantileMillis(metrics, "0.5"), quantileMillis(metrics, "0.99"));
        }
    }

    /** Until every agent's replica has applied the whole ledger (its lag gauge reads 0): catching up is not idling. */
    private static void awaitReplicasCaughtUp(List<Integer> managementPorts) {
        Pattern lag = Pattern.compile("(?m)^ipledger_replica_lag_records(?:\\{[^}]*})? (\\S+)$");
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> managementPorts.stream()
                .allMatch(port -> {
                    Matcher line = lag.matcher(metrics(port));
                    return line.find() && Double.parseDouble(line.group(1)) == 0;
                }));
    }

    /** An agent's metrics as Prometheus reads them from its management port. */
    private static String metrics(int managementPort) {
        return new ApiClient("http://127.0.0.1:" + managementPort, null).get("/actuator/prometheus").body();
    }

    private static String quantileMillis(String metrics, String quantile) {
        Matcher line = Pattern.compile("(?m)^ipledger_replica_delay_seconds\\{.*quantile=\"" + Pattern.quote(quantile)
                + "\".*} (\\S+)$").matcher(metrics);
        return line.find() ? String.format("%.1f", Double.parseDouble(line.group(1)) * 1000) : "?";
    }

    private static double total(List<Wrk.Result> results) {
        return results.stream().mapToDouble(Wrk.Result::rate).sum();
    }

    /** Every replica's addresses as the master's, owner names aside (they never leave their platform). */
    private void compareReplicas(ApiClient admin, List<KillableAgent> agents) {
        List<String> master = PoolAddresses.read(admin, pool);
        for (int i = 0; i < agents.size(); i++) {
            ApiClient reader = ApiClient.loggedIn(agents.get(i).baseUrl(), MasterInstance.ADMIN_EMAIL,
                    MasterInstance.ADMIN_PASSWORD);
            long started = System.nanoTime();
            // One read pages through the whole pool (hundreds of thousands of addresses after a long run).
            List<String> replica = Awaitility.await().atMost(Duration.ofSeconds(120).plusMillis(master.size()))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> PoolAddresses.read(reader, pool), master::equals);
            System.out.printf("replica of agent-%d: %d addresses, equal to the master's (after %.1f s)%n", i,
                    replica.size(), (System.nanoTime() - started) / 1e9);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
