package org.ipledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ipledger.agent.KillableAgent;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/**
 * The master's command consumers do not wait for its changes consumers. On a loaded machine a
 * batch of captured rows takes tens of seconds; when both listeners shared one consumer group,
 * every rebalance (a restart of the master, or its broker fenced by its own controller after a
 * freeze longer than its session) waited for such a batch to end before the command consumers
 * got their partitions, and no write through any agent was answered meanwhile. Here a batch of
 * changes is held for as long as the test likes, by a lock on the table where the master looks up
 * the events it processed before, while the master is killed and restarted, or frozen. Both tests
 * share one master and agent, each on a pool and network of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesBesideHeldChangesIT {

    private static final Logger log = LoggerFactory.getLogger(WritesBesideHeldChangesIT.class);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    /**
     * Longer than the in-process broker's session (3 s) and the master's consumers' (10 s): when
     * the master goes on, its own controller fences the broker and its own coordinator drops every
     * consumer, and each group's consumers must join again.
     */
    private static final Duration FREEZE = Duration.ofSeconds(12);
    /** How long after the master's return every new write must keep being answered within {@link #RECOVERY}. */
    private static final Duration WRITING_AFTER = Duration.ofSeconds(15);
    private static final Duration PAUSE = Duration.ofMillis(200);

    @TempDir
    static Path dataDirs;

    private final LedgerDatabase ledger = LedgerDatabase.fresh();
    private PlatformDatabase platformDb;
    private KillableMaster master;
    private KillableAgent agent;
    private ApiClient api;

    @BeforeAll
    void startMasterAndJoinedAgent() {
        platformDb = PlatformDatabases.fresh();
        master = KillableMaster.start(ledger, dataDirs.resolve("master"));
        agent = KillableAgent.start(dataDirs.resolve("agent"), platformDb);
        JoinedPlatform.join(agent.client(), master.baseUrl());
        api = ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    @AfterAll
    void stopAll() {
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void writesThroughAnAgentSucceedSoonAfterTheMastersRestartWhileABatchOfChangesIsHeld() throws Exception {
        long pool = new RestFixture(master.admin()).poolWithRange("10.73.0.0/24", "10.73.0.1", "10.73.0.254");
        assertThat(allocate(pool, UUID.randomUUID().toString())).isEqualTo(201);

        try (Connection holder = ledger.jdbc().getDataSource().getConnection(); Statement lock = holder.createStatement()) {
            holdChanges(lock, "10.74.0.0");
            master.kill();
            // The killed master's connection may wait on for the lock: only the new master's count.
            long killedMastersLast = ledger.count("SELECT MAX(ID) FROM information_schema.PROCESSLIST");
            master.restart();
            Instant back = Instant.now();
            Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE).alias("the master's changes consumer held again")
                    .until(() -> changesHeld(killedMastersLast));
            assertWritesSucceedSoonAfter(back, pool);
            assertThat(changesHeld(killedMastersLast)).as("the batch of changes still held").isTrue();
            lock.execute("UNLOCK TABLES");
        }
        awaitApplied("10.74.0.0");
    }

    @Test
    void writesThroughAnAgentSucceedSoonAfterTheMasterWithItsBrokerWasFrozenWhileABatchOfChangesIsHeld() throws Exception {
        long pool = new RestFixture(master.admin()).poolWithRange("10.75.0.0/24", "10.75.0.1", "10.75.0.254");
        assertThat(allocate(pool, UUID.randomUUID().toString())).isEqualTo(201);

        try (Connection holder = ledger.jdbc().getDataSource().getConnection(); Statement lock = holder.createStatement()) {
            holdChanges(lock, "10.76.0.0");
            master.pause();
            Thread.sleep(FREEZE.toMillis());
            master.resume();
            assertWritesSucceedSoonAfter(Instant.now(), pool);
            assertThat(changesHeld(0)).as("the batch of changes still held").isTrue();
            lock.execute("UNLOCK TABLES");
        }
        awaitApplied("10.76.0.0");
    }

    /** Locks the table of processed changes, then writes a network locally and waits until the master's batch of it waits for the lock. */
    private void holdChanges(Statement lock, String network) throws Exception {
        lock.execute("LOCK TABLES processed_change WRITE");
        platformDb.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('held', ?, 24)").param(network).update();
        Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE).alias("the master's changes consumer held")
                .until(() -> changesHeld(0));
    }

    /**
     * The first write answered within {@link #RECOVERY} of the master's return, and every write
     * begun in the {@link #WRITING_AFTER} that follow within {@code RECOVERY} too: the groups'
     * consumers join again only once they notice they were dropped, a little after the return.
     */
    private void assertWritesSucceedSoonAfter(Instant back, long pool) {
        long slowest = 0;
        do {
            Instant sent = Instant.now();
            String requestId = UUID.randomUUID().toString();
            Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE).alias("a write through the agent answered")
                    .until(() -> allocate(pool, requestId), status -> status != 503);
            assertThat(allocate(pool, requestId)).isEqualTo(201);
            slowest = Math.max(slowest, Duration.between(sent, Instant.now()).toMillis());
        } while (Instant.now().isBefore(back.plus(WRITING_AFTER)));
        log.info("writes through the agent answered within {} ms in the {} s after the master was back, its changes held",
                slowest, WRITING_AFTER.toSeconds());
    }

    private void awaitApplied(String network) {
        Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE).alias("the held change applied once let go")
                .until(() -> ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = ?", network) == 1);
    }

    /** Whether a connection opened after {@code afterId} waits for the lock on the table of processed changes. */
    private boolean changesHeld(long afterId) {
        return ledger.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID > ? "
                + "AND STATE LIKE 'Waiting for table metadata lock%'", afterId) > 0;
    }

    private int allocate(long pool, String requestId) {
        return api.send(api.request("/api/v1/pools/" + pool + "/allocations").timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"" + requestId + "\",\"owner\":\"vm-"
                        + requestId.substring(0, 8) + "\"}"))).status();
    }
}
