package org.ipledger.master.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipledger.client.CommandClient;
import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.Loopback;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.reply.CommandReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The broker restarted during traffic: nothing lost, nothing doubled, the ledger without gaps. */
class BrokerRestartIT {

    @Test
    void aBrokerRestartDuringTrafficLosesNothingAndDoublesNothing() throws Exception {
        Path data = Files.createTempDirectory("ipledger-restart-broker");
        int port = Loopback.freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, true, port);
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMasterOn(broker.bootstrapServers())) {
            ApiClient api = master.adminClient();
            RestFixture fixture = new RestFixture(api);
            fixture.network("10.150.0.0/16");
            long[] pools = new long[4];
            for (int p = 0; p < pools.length; p++) {
                pools[p] = fixture.pool("restart " + p);
                fixture.range(pools[p], "10.150." + p + ".1", "10.150." + p + ".254");
            }
            JsonNode platform = api.post("/api/v1/platforms",
                    "{\"name\":\"restart\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
            String platformId = platform.get("platformId").asString();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            Set<String> addresses = ConcurrentHashMap.newKeySet();
            AtomicInteger refusals = new AtomicInteger();
            try (CommandClient client = CommandClient.start(broker.bootstrapServers(), new Topics(database.topicPrefix()),
                    platformId, platform.get("secret").asString(), 30)) {
                ExecutorService threads = Executors.newFixedThreadPool(pools.length);
                List<Future<?>> work = new ArrayList<>();
                for (long pool : pools) {
                    work.add(threads.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            String requestId = UUID.randomUUID().toString();
                            CommandReply reply = client.send(new AllocateCommand(requestId, platformId, pool, 1,
                                    Optional.empty(), Optional.empty()), Duration.ofSeconds(3));
                            answered.add(requestId);
                            if (reply.ok()) {
                                addresses.add(reply.result().orElseThrow().get("addresses").get(0).get("address").asString());
                            } else {
                                refusals.incrementAndGet();
                            }
                        }
                    }));
                }
                // The broker stops once an eighth of the requests are answered, however slow the machine.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> answered.size() >= 100);
                broker.close();
                assertThat(answered).as("answered when the broker stopped").hasSizeLessThan(800);
                // Down for a while, so that requests in flight time out and are sent again with the same id.
                Thread.sleep(2_000);
                broker = EmbeddedKafkaBroker.start(data, true, port);
                for (Future<?> future : work) {
                    future.get();
                }
                threads.shutdown();
            }

            assertThat(answered).hasSize(800);
            assertThat(refusals.get()).isZero();
            assertThat(addresses).hasSize(800);
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.150.%'")).isEqualTo(800);
            assertThat(database.ledgerIsGapFree()).isTrue();
        } finally {
            broker.close();
        }
    }

}
