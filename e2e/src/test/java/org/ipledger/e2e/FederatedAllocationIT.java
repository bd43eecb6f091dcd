package org.ipledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.ipledger.agent.replica.Replica;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/**
 * Issue 5, item 4: a master and three platforms, each on its own database with its own agent,
 * allocate concurrently from the same two pools through their agents' REST APIs while one agent
 * is restarted and the master is restarted once. Nothing is handed out twice (I1), every
 * allocation is on the ledger once and the ledger has no gap (I3), every request has one effect
 * and a retried request gets the same address (I4), and every agent's replica ends equal to the
 * master.
 */
class FederatedAllocationIT {

    private static final Logger log = LoggerFactory.getLogger(FederatedAllocationIT.class);
    private static final int PLATFORMS = 3;
    private static final int THREADS_PER_PLATFORM = 4;
    private static final int PER_THREAD = 750;
    private static final int TOTAL = PLATFORMS * THREADS_PER_PLATFORM * PER_THREAD;
    private static final Duration DEADLINE = Duration.ofMinutes(6);
    private static final int RESTARTED = 2;

    @TempDir
    Path dataDirs;

    @Test
    void threePlatformsAllocatingThroughAnAgentRestartAndAMasterRestartGetEveryAddressOnceAndEndWithTheMastersLedger()
            throws Exception {
        LedgerDatabase ledger = LedgerDatabase.fresh();
        int masterPort = FreePorts.next();
        MasterInstance master = ledger.startMaster("server.port=" + masterPort);
        List<JoinedPlatform> platforms = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(PLATFORMS * THREADS_PER_PLATFORM);
        try {
            RestFixture fixture = new RestFixture(master.adminClient());
            long[] pools = {fixture.poolWithRange("10.60.0.0/19", "10.60.0.1", "10.60.31.254"),
                fixture.poolWithRange("10.61.0.0/19", "10.61.0.1", "10.61.31.254")};
            List<RetryingAllocator> allocators = new ArrayList<>();
            AllocationLog answers = new AllocationLog();
            for (int p = 0; p < PLATFORMS; p++) {
                platforms.add(JoinedPlatform.join(master, dataDirs.resolve("platform-" + p)));
                allocators.add(new RetryingAllocator(p, platforms.get(p).admin(), answers));
            }

            Instant started = Instant.now();
            Instant deadline = started.plus(DEADLINE);
            List<Future<?>> work = new ArrayList<>();
            for (int p = 0; p < PLATFORMS; p++) {
                for (int t = 0; t < THREADS_PER_PLATFORM; t++) {
                    RetryingAllocator allocator = allocators.get(p);
                    int first = t;
                    work.add(clients.submit(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            allocator.allocate(pools[(first + i) % pools.length], deadline);
                        }
                        return null;
                    }));
                }
            }
            awaitAnswered(answers, work, TOTAL / 6);
            platforms.get(RESTARTED).restart();
            awaitAnswered(answers, work, TOTAL / 2);
            int[] unavailableBefore = IntStream.range(0, PLATFORMS).map(answers::unavailableCount).toArray();
            master.close();
            // Down until every platform's clients have had a 503: longer than the agents' own resend of a command.
            Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> IntStream.range(0, PLATFORMS)
                    .allMatch(p -> answers.unavailableCount(p) > unavailableBefore[p]) || work.stream().allMatch(Future::isDone));
            master = ledger.startMaster("server.port=" + masterPort);
            for (Future<?> future : work) {
                future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            List<Allocation> allocations = answers.allocations();
            log.info("{} allocations in {} s; 503 answers {}, {} connections lost, {} requests retried", allocations.size(),
                    Duration.between(started, Instant.now()).toSeconds(), answers.unavailableCodes(),
                    answers.lostConnectionCount(), allocations.stream().filter(Allocation::retried).count());

            // Every request got exactly one 201, and the faults really were met on the way.
            assertThat(answers.unexpectedAnswers()).isEmpty();
            assertThat(answers.answeredMoreThanOnce()).isEmpty();
            assertThat(allocations).hasSize(TOTAL);
            assertThat(answers.unavailableCodes()).containsKey("master_unreachable");
            for (int p = 0; p < PLATFORMS; p++) {
                int platform = p;
                assertThat(allocations).as("retried requests of platform %d", p)
                        .filteredOn(a -> a.platform() == platform && a.retried()).isNotEmpty();
            }
            assertThat(answers.lostConnectionCount()).as("requests cut off by the agent's restart").isPositive();

            // I1 and I4 on the master's database: one row a request, with the address its client got.
            Map<String, String> addressByRequest = allocations.stream()
                    .collect(Collectors.toMap(Allocation::requestId, Allocation::address));
            assertThat(Set.copyOf(addressByRequest.values())).hasSize(TOTAL);
            assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(TOTAL);
            assertThat(ledger.count("SELECT COUNT(DISTINCT addr) FROM ip")).isEqualTo(TOTAL);
            assertThat(storedAddressByRequest(ledger)).isEqualTo(addressByRequest);

            // I3: one address_allocated entry an address, numbered without a gap, in the outbox and on the topic.
            assertThat(ledger.ledgerIsGapFree()).isTrue();
            Set<String> allocatedKeys = addressByRequest.values().stream().map(a -> "address:" + a).collect(Collectors.toSet());
            assertThat(ledger.jdbc().queryForList("SELECT entity_key FROM ledger_outbox WHERE type = 'address_allocated'",
                    String.class)).hasSize(TOTAL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allocatedKeys);
            long lastSeq = ledger.count("SELECT last_seq FROM ledger_position");
            for (JoinedPlatform platform : platforms) {
                Replica replica = platform.agent().bean(Replica.class);
                assertThat(replica.awaitSeq(lastSeq, Duration.ofSeconds(60)))
                        .as("replica at seq %d within 60 s, is at %d", lastSeq, replica.appliedSeq()).isTrue();
            }
            List<JsonNode> topic = LedgerTopic.entries(ledger.topicPrefix() + "ledger");
            assertThat(topic).extracting(entry -> entry.get("seq").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
            assertThat(topic).filteredOn(entry -> entry.get("type").asString().equals("address_allocated"))
                    .extracting(entry -> "address:" + entry.get("entity").get("address").asString())
                    .hasSize(TOTAL).containsExactlyInAnyOrderElementsOf(allocatedKeys);

            // Every agent's replica reads as the master does, page for page.
            ApiClient masterReads = master.adminClient();
            for (long pool : pools) {
                List<String> onMaster = addressPages(masterReads, pool);
                assertThat(onMaster).hasSize((int) allocations.stream().filter(a -> a.pool() == pool).count());
                for (JoinedPlatform platform : platforms) {
                    assertThat(addressPages(platform.admin(), pool)).as("pool %d on %s", pool, platform.baseUrl())
                            .isEqualTo(onMaster);
                }
            }

            // I4: a retried request sent once more still answers the address it got, and has no new effect.
            List<Allocation> retried = allocations.stream().filter(Allocation::retried).toList();
            List<String> different = new ArrayList<>();
            for (Allocation allocation : retried) {
                ApiClient.Response again = allocators.get(allocation.platform()).resend(allocation);
                if (again.status() != 201 || !RetryingAllocator.addressOf(again).equals(allocation.address())) {
                    different.add(allocation + " -> " + again);
                }
            }
            assertThat(different).isEmpty();
            assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(TOTAL);
        } finally {
            clients.shutdownNow();
            platforms.forEach(JoinedPlatform::close);
            master.close();
        }
    }

    /** Waits (no assertion) until this many requests are answered, or every client has stopped. */
    private static void awaitAnswered(AllocationLog answers, List<Future<?>> work, int count) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> answers.answeredCount() >= count || work.stream().allMatch(Future::isDone));
    }

    private static Map<String, String> storedAddressByRequest(LedgerDatabase ledger) {
        Map<String, String> stored = new HashMap<>();
        ledger.jdbc().query("SELECT request_id, addr FROM ip", rs -> {
            stored.put(rs.getString(1), rs.getString(2));
        });
        return stored;
    }

    /** Every address of a pool, page after page, as the JSON of each item. */
    private static List<String> addressPages(ApiClient reads, long pool) {
        List<String> items = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Response page = reads.get("/api/v1/addresses?pool=" + pool + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            json.get("items").forEach(item -> items.add(item.toString()));
            cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }
}
