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
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
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
 * A master and three platforms, each on its own database with its own agent,
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
    /**
     * 3,600 allocations: both restarts land while every platform's clients are allocating, and
     * hundreds of requests go through each; more only lengthen the run.
     */
    private static final int PER_THREAD = 300;
    private static final int TOTAL = PLATFORMS * THREADS_PER_PLATFORM * PER_THREAD;
    private static final Duration DEADLINE = Duration.ofMinutes(6);
    private static final int RESTARTED = 2;

    @TempDir
    Path dataDirs;

    private final LedgerDatabase ledger = LedgerDatabase.fresh();
    private final int masterPort = FreePorts.next();
    private final List<JoinedPlatform> platforms = new ArrayList<>();
    private final List<RetryingAllocator> allocators = new ArrayList<>();
    private final AllocationLog answers = new AllocationLog();
    private final ExecutorService clients = Executors.newFixedThreadPool(PLATFORMS * THREADS_PER_PLATFORM);
    private MasterInstance master;
    private long[] pools;

    @AfterEach
    void stopAll() {
        clients.shutdownNow();
        platforms.forEach(JoinedPlatform::close);
        if (master != null) {
            master.close();
        }
    }

    @Test
    void threePlatformsAllocatingThroughAnAgentRestartAndAMasterRestartGetEveryAddressOnceAndEndWithTheMastersLedger()
            throws Exception {
        master = ledger.startMaster("server.port=" + masterPort);
        RestFixture fixture = new RestFixture(master.adminClient());
        pools = new long[] {fixture.poolWithRange("10.60.0.0/19", "10.60.0.1", "10.60.31.254"),
            fixture.poolWithRange("10.61.0.0/19", "10.61.0.1", "10.61.31.254")};
        for (int p = 0; p < PLATFORMS; p++) {
            platforms.add(JoinedPlatform.join(master, dataDirs.resolve("platform-" + p)));
            allocators.add(new RetryingAllocator(p, platforms.get(p).admin(), answers));
        }

        Instant started = Instant.now();
        List<Future<?>> work = startAllocating(started.plus(DEADLINE));
        restartAnAgentThenTheMaster(work);
        for (Future<?> future : work) {
            future.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        List<Allocation> allocations = answers.allocations();
        log.info("{} allocations in {} s; 503 answers {}, {} connections lost, {} requests retried", allocations.size(),
                Duration.between(started, Instant.now()).toSeconds(), answers.unavailableCodes(),
                answers.lostConnectionCount(), allocations.stream().filter(Allocation::retried).count());

        assertEveryRequestAnsweredOnceThroughTheFaults(allocations);
        Map<String, String> addressByRequest = allocations.stream()
                .collect(Collectors.toMap(Allocation::requestId, Allocation::address));
        assertMasterStoresOneAddressPerRequest(addressByRequest);
        long lastSeq = assertLedgerHasEveryAllocationOnceWithoutGaps(Set.copyOf(addressByRequest.values()));
        assertEveryReplicaReadsAsTheMaster(lastSeq, allocations);
        assertRetriedRequestsAnswerTheSameAddressAgain(allocations);
    }

    /** Every client thread allocates its share, alternating between the two pools. */
    private List<Future<?>> startAllocating(Instant deadline) {
        List<Future<?>> work = new ArrayList<>();
        for (RetryingAllocator allocator : allocators) {
            for (int t = 0; t < THREADS_PER_PLATFORM; t++) {
                int first = t;
                work.add(clients.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        allocator.allocate(pools[(first + i) % pools.length], deadline);
                    }
                    return null;
                }));
            }
        }
        return work;
    }

    /**
     * One agent restarts a sixth of the way in; the master stops halfway and stays down until
     * every platform's clients have had a 503, longer than an agent's own resend of a command.
     */
    private void restartAnAgentThenTheMaster(List<Future<?>> work) {
        awaitOrAllDone(work, () -> answers.answeredCount() >= TOTAL / 6);
        platforms.get(RESTARTED).restart();
        awaitOrAllDone(work, () -> answers.answeredCount() >= TOTAL / 2);
        int[] unavailableBefore = IntStream.range(0, PLATFORMS).map(answers::unavailableCount).toArray();
        master.close();
        awaitOrAllDone(work, () -> IntStream.range(0, PLATFORMS)
                .allMatch(p -> answers.unavailableCount(p) > unavailableBefore[p]));
        master = ledger.startMaster("server.port=" + masterPort);
    }

    private void assertEveryRequestAnsweredOnceThroughTheFaults(List<Allocation> allocations) {
        assertThat(answers.unexpectedAnswers()).isEmpty();
        assertThat(allocations).hasSize(TOTAL);
        assertThat(answers.unavailableCodes()).containsKey("master_unreachable");
        assertThat(answers.lostConnectionCount()).as("requests cut off by the agent's restart").isPositive();
        for (int p = 0; p < PLATFORMS; p++) {
            int platform = p;
            assertThat(allocations).as("retried requests of platform %d", p)
                    .filteredOn(a -> a.platform() == platform && a.retried()).isNotEmpty();
        }
    }

    /** I1 and I4 on the master's database: one row a request, with the address its client got. */
    private void assertMasterStoresOneAddressPerRequest(Map<String, String> addressByRequest) {
        assertThat(Set.copyOf(addressByRequest.values())).hasSize(TOTAL);
        assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(TOTAL);
        assertThat(ledger.count("SELECT COUNT(DISTINCT addr) FROM ip")).isEqualTo(TOTAL);
        Map<String, String> stored = new HashMap<>();
        ledger.jdbc().query("SELECT request_id, addr FROM ip", rs -> {
            stored.put(rs.getString(1), rs.getString(2));
        });
        assertThat(stored).isEqualTo(addressByRequest);
    }

    /** I3: one address_allocated entry an address, numbered 1..n, in the outbox and on the topic; returns n. */
    private long assertLedgerHasEveryAllocationOnceWithoutGaps(Set<String> addresses) {
        assertThat(ledger.ledgerIsGapFree()).isTrue();
        Set<String> keys = addresses.stream().map(a -> "address:" + a).collect(Collectors.toSet());
        assertThat(ledger.jdbc().queryForList("SELECT entity_key FROM ledger_outbox WHERE type = 'address_allocated'",
                String.class)).hasSize(TOTAL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys);
        long lastSeq = ledger.count("SELECT last_seq FROM ledger_position");
        List<JsonNode> topic = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> LedgerTopic.entries(ledger.topicPrefix() + "ledger"),
                        entries -> !entries.isEmpty() && entries.get(entries.size() - 1).get("seq").asLong() >= lastSeq);
        assertThat(topic).extracting(entry -> entry.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, lastSeq).boxed().toList());
        assertThat(topic).filteredOn(entry -> entry.get("type").asString().equals("address_allocated"))
                .extracting(entry -> "address:" + entry.get("entity").get("address").asString())
                .hasSize(TOTAL).containsExactlyInAnyOrderElementsOf(keys);
        return lastSeq;
    }

    /** Every agent's replica, once at the master's last seq, lists each pool's addresses as the master does. */
    private void assertEveryReplicaReadsAsTheMaster(long lastSeq, List<Allocation> allocations) {
        for (JoinedPlatform platform : platforms) {
            Replica replica = platform.agent().bean(Replica.class);
            assertThat(replica.awaitSeq(lastSeq, Duration.ofSeconds(60)))
                    .as("replica at seq %d within 60 s, is at %d", lastSeq, replica.appliedSeq()).isTrue();
        }
        ApiClient masterReads = master.adminClient();
        for (long pool : pools) {
            List<String> onMaster = addressPages(masterReads, pool);
            assertThat(onMaster).hasSize((int) allocations.stream().filter(a -> a.pool() == pool).count());
            for (JoinedPlatform platform : platforms) {
                assertThat(addressPages(platform.admin(), pool)).as("pool %d on %s", pool, platform.baseUrl())
                        .isEqualTo(onMaster);
            }
        }
    }

    /** I4: a retried request sent once more still answers the address it got, and has no new effect. */
    private void assertRetriedRequestsAnswerTheSameAddressAgain(List<Allocation> allocations) {
        List<String> different = new ArrayList<>();
        for (Allocation allocation : allocations.stream().filter(Allocation::retried).toList()) {
            ApiClient.Response again = allocators.get(allocation.platform()).resend(allocation);
            if (again.status() != 201 || !RetryingAllocator.addressOf(again).equals(allocation.address())) {
                different.add(allocation + " -> " + again);
            }
        }
        assertThat(different).isEmpty();
        assertThat(ledger.count("SELECT COUNT(*) FROM ip")).isEqualTo(TOTAL);
    }

    /** Waits (no assertion) until the condition holds, or until every client has stopped. */
    private static void awaitOrAllDone(List<Future<?>> work, BooleanSupplier condition) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> condition.getAsBoolean() || work.stream().allMatch(Future::isDone));
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
