package org.ipledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/**
 * Allocation through agents' REST APIs, as platforms do it: three joined agents, each with
 * 8 client threads ({@code -Dthreads=N}) allocating one address per request from the same pool
 * ({@code -Dagents=N} agents, 3 by default).
 * Prints the latency of one allocation (median, p99) and the allocations per second of all three.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.AgentAllocationBenchmark [-Dagents=1 -Dthreads=1]}
 */
public final class AgentAllocationBenchmark {

    private static final int AGENTS = Integer.getInteger("agents", 3);
    private static final int THREADS = Integer.getInteger("threads", 8);
    private static final int WARM_UP = 500;
    private static final int PER_AGENT = 3_000;

    public static void main(String[] args) throws Exception {
        LedgerDatabase database = LedgerDatabase.fresh();
        Path dataDir = Files.createTempDirectory("agent-bench");
        List<AgentInstance> agents = new ArrayList<>();
        try (MasterInstance master = database.startMaster()) {
            long pool = new RestFixture(master.adminClient()).poolWithRange("10.0.0.0/14", "10.0.0.1", "10.3.255.254");
            List<ApiClient> clients = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                AgentInstance agent = AgentInstance.start(dataDir.resolve("agent-" + i), PlatformDatabases.fresh());
                agents.add(agent);
                join(agent, master);
                clients.add(ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD));
            }
            run(clients, pool, WARM_UP, new Percentiles(AGENTS * WARM_UP));
            Percentiles latency = new Percentiles(AGENTS * PER_AGENT);
            long started = System.nanoTime();
            run(clients, pool, PER_AGENT, latency);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("allocation through %d agents' REST, %d threads each: %s; %.0f allocations/s%n", AGENTS,
                    THREADS, latency.summary("ms"), latency.count() / seconds);
            System.out.println("duplicates on the master: "
                    + database.count("SELECT COUNT(*) - COUNT(DISTINCT addr) FROM ip"));
        } finally {
            agents.forEach(AgentInstance::close);
        }
        // The shared test servers (MariaDB, Kafka) keep threads alive that exec:java would wait for.
        System.exit(0);
    }

    private static void run(List<ApiClient> clients, long pool, int perAgent, Percentiles latency) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients.size() * THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (ApiClient client : clients) {
            for (int t = 0; t < THREADS; t++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < perAgent / THREADS; i++) {
                        long start = System.nanoTime();
                        ApiClient.Response response = client.post("/api/v1/pools/" + pool + "/allocations",
                                "{\"requestId\":\"" + UUID.randomUUID() + "\"}");
                        if (response.status() != 201) {
                            throw new IllegalStateException("allocation refused: " + response);
                        }
                        latency.add(System.nanoTime() - start);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> done : work) {
            done.get();
        }
        threads.shutdown();
    }

    private static void join(AgentInstance agent, MasterInstance master) {
        ApiClient anonymous = agent.operator();
        ApiClient.Response joined = anonymous.send(anonymous.request("/api/v1/integration")
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"masterUrl\":\"" + master.baseUrl() + "\",\"email\":\"" + MasterInstance.ADMIN_EMAIL
                                + "\",\"password\":\"" + MasterInstance.ADMIN_PASSWORD + "\"}")));
        if (joined.status() != 202) {
            throw new IllegalStateException("join refused: " + joined);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "active".equals(
                anonymous.get("/api/v1/integration").json().get("state").asString()));
    }
}
