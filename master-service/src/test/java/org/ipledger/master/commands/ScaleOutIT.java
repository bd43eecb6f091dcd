package org.ipledger.master.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.ipledger.master.RestFixture;
import org.ipledger.master.TwoMasters;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.testing.SharedKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two master instances share the command partitions; when one stops, the other serves them all. */
class ScaleOutIT extends TwoMasters {

    @Test
    void whenOneInstanceStopsMidTrafficTheOtherAnswersEveryRequestOnceWithNoDuplicate() throws Exception {
        RestFixture fixture = new RestFixture(first.adminClient());
        fixture.network("10.130.0.0/16");
        long[] pools = new long[6];
        for (int p = 0; p < pools.length; p++) {
            pools[p] = fixture.pool("scale " + p);
            fixture.range(pools[p], "10.130." + p + ".1", "10.130." + p + ".254");
        }
        JsonNode platform = first.adminClient().post("/api/v1/platforms",
                "{\"name\":\"scale\",\"kind\":\"vmmanager\",\"instanceId\":\"" + UUID.randomUUID() + "\"}").json();
        String platformId = platform.get("platformId").asString();
        Set<String> addresses = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();
        AtomicInteger answered = new AtomicInteger();

        try (CommandClient client = CommandClient.start(SharedKafka.bootstrapServers(), new Topics(database.topicPrefix()),
                platformId, platform.get("secret").asString(), 10)) {
            ExecutorService threads = Executors.newFixedThreadPool(6);
            List<Future<?>> work = new ArrayList<>();
            for (long pool : pools) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        CommandReply reply = client.send(new AllocateCommand(UUID.randomUUID().toString(), platformId, pool,
                                1, Optional.empty(), Optional.empty()), Duration.ofSeconds(5));
                        answered.incrementAndGet();
                        if (reply.ok()) {
                            addresses.add(reply.result().orElseThrow().get("addresses").get(0).get("address").asString());
                        } else {
                            synchronized (failures) {
                                failures.add(reply.toString());
                            }
                        }
                    }
                }));
            }
            // The instance stops once a sixth of the requests are answered, however slow the machine.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> answered.get() >= 100);
            second.close();
            assertThat(answered.get()).as("answered when the instance stopped").isLessThan(600);
            for (Future<?> future : work) {
                future.get();
            }
            threads.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(addresses).hasSize(600);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr LIKE '10.130.%'")).isEqualTo(600);
        assertThat(database.count("SELECT COUNT(DISTINCT request_id) FROM ip WHERE addr LIKE '10.130.%'")).isEqualTo(600);
        assertThat(database.ledgerIsGapFree()).isTrue();
    }
}
