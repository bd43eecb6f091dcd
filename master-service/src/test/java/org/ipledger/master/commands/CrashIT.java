package org.ipledger.master.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.ipledger.client.CommandClient;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.ledger.PublishedLedger;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A master instance killed with SIGKILL in the middle of 2,000 allocations from 4 concurrent
 * clients: the other instance finishes, every request gets exactly one answer, no address is
 * handed out twice, and the ledger has one entry per effect with gap-free numbers, every one of
 * them on the ledger topic in seq order (what the killed instance had sent and not recorded is
 * sent again with the same seq).
 */
class CrashIT {

    private static final int CLIENTS = 4;
    private static final int THREADS_PER_CLIENT = 5;
    /** Enough that most requests come after the kill, through the failover; more only lengthen the run. */
    private static final int PER_THREAD = 100;
    /** The group notices a killed member after its session timeout: short here, so the test is short. */
    private static final String[] FAST_FAILOVER = {"spring.kafka.consumer.properties.session.timeout.ms=6000",
        "spring.kafka.consumer.properties.heartbeat.interval.ms=1000"};

    @Test
    void killingAnInstanceMidBatchLosesNothingAndDoublesNothing() throws Exception {
        LedgerDatabase database = LedgerDatabase.fresh();
        Path logs = Path.of("target", "crash-it");
        // Both instances start at once, as a scaled-out deployment's do: neither needs the other to start.
        CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(
                () -> database.startMasterProcess(Loopback.freePort(), logs.resolve("doomed.log"), FAST_FAILOVER));
        try (ServiceProcess survivor = startedOrStop(starting,
                () -> database.startMasterProcess(Loopback.freePort(), logs.resolve("survivor.log"), FAST_FAILOVER));
             ServiceProcess doomed = starting.join()) {
            ApiClient api = ApiClient.loggedIn(survivor.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
            // A pool per thread: their keys spread over the partitions of both instances.
            RestFixture fixture = new RestFixture(api);
            fixture.network("10.140.0.0/16");
            long[] pools = new long[CLIENTS * THREADS_PER_CLIENT];
            for (int p = 0; p < pools.length; p++) {
                pools[p] = fixture.pool("crash " + p);
                fixture.range(pools[p], "10.140." + p + ".1", "10.140." + p + ".254");
            }
            Set<String> answered = ConcurrentHashMap.newKeySet();
            Set<String> addresses = ConcurrentHashMap.newKeySet();
            AtomicInteger refusals = new AtomicInteger();
            List<CommandClient> clients = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(CLIENTS * THREADS_PER_CLIENT);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                JsonNode platform = api.post("/api/v1/platforms",
                        "{\"name\":\"crash\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
                String platformId = platform.get("platformId").asString();
                CommandClient client = CommandClient.start(KafkaAccess.fromRegistration(platform.get("kafka")), new Topics(database.topicPrefix()),
                        platformId, platform.get("secret").asString(), 20);
                clients.add(client);
                for (int t = 0; t < THREADS_PER_CLIENT; t++) {
                    long pool = pools[c * THREADS_PER_CLIENT + t];
                    work.add(threads.submit(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            String requestId = UUID.randomUUID().toString();
                            CommandReply reply = client.send(new AllocateCommand(requestId, platformId, pool, 1,
                                    Optional.empty(), Optional.empty()), Duration.ofSeconds(3));
                            assertThat(answered.add(requestId)).isTrue();
                            if (reply.ok()) {
                                addresses.add(reply.result().orElseThrow().get("addresses").get(0).get("address").asString());
                            } else {
                                refusals.incrementAndGet();
                            }
                        }
                    }));
                }
            }
            int requests = CLIENTS * THREADS_PER_CLIENT * PER_THREAD;
            // The kill lands once a tenth of the requests are answered, however slow the machine.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> answered.size() >= requests / 10);
            doomed.kill();
            assertThat(answered).as("answered when the instance was killed").hasSizeLessThan(requests);
            for (Future<?> future : work) {
                future.get();
            }
            threads.shutdown();
            clients.forEach(CommandClient::close);

            assertThat(answered).hasSize(requests);
            assertThat(refusals.get()).isZero();
            assertThat(addresses).hasSize(requests);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.140.%'")).isEqualTo(requests);
            assertThat(database.count("SELECT COUNT(DISTINCT request_id) FROM ip WHERE addr LIKE '10.140.%'")).isEqualTo(requests);
            assertThat(database.ledgerIsGapFree()).isTrue();
            assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE type = 'address_allocated' "
                    + "AND entity_key LIKE 'address:10.140.%'")).isEqualTo(requests);
            assertThat(database.count("SELECT COUNT(DISTINCT entity_key) FROM ledger_outbox WHERE type = 'address_allocated' "
                    + "AND entity_key LIKE 'address:10.140.%'")).isEqualTo(requests);
            PublishedLedger.assertCarriesTheNumberedLedger(database);
        }
    }

    /** Starts a process while another starts; when this one fails, the other is stopped once it is up. */
    private static ServiceProcess startedOrStop(CompletableFuture<ServiceProcess> other, Supplier<ServiceProcess> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            other.thenAccept(ServiceProcess::close);
            throw e;
        }
    }

}
