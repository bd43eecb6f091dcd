package org.ipledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

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
 * A joined agent and a master with its broker in-process, each in a JVM of its own, with clients
 * allocating through the agent (with owners) and retrying each request with the same requestId
 * until answered. The agent is killed and restarted, then the master with its broker: every
 * request is answered within {@link #RECOVERY} of the faulted process being back, the same way
 * on retry, and nothing stays allocated on the master without its answer. With the master
 * stopped, a write through the agent answers 503 with Retry-After within {@link #FAIL_FAST}, and
 * an agent restarted meanwhile stays up, waiting to capture, and captures what the platform wrote
 * during the outage once the master is back. Both tests share one master and agent, each on a
 * pool of its own: each fault test leaves them running and serving, as the other needs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentAfterMasterCrashIT {

    private static final Logger log = LoggerFactory.getLogger(AgentAfterMasterCrashIT.class);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Duration FAIL_FAST = Duration.ofSeconds(10);
    /** How long one start of the agent's capture waits for the master's Kafka (60 s by default). */
    private static final Duration CAPTURE_START_WAIT = Duration.ofSeconds(5);
    /** What the agent logs each time a start of capture fails and is to be tried again. */
    private static final String CAPTURE_CANNOT_START = "change capture cannot start yet";
    private static final int CLIENTS = 3;
    private static final Duration PAUSE = Duration.ofMillis(200);
    /** How long the clients may take, after the last fault's recovery bound, to show writes flow again. */
    private static final Duration AFTER_LAST_FAULT = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDirs;

    private final LedgerDatabase ledger = LedgerDatabase.fresh();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private final Queue<Answered> answers = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final List<Instant> processesBack = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private KillableMaster master;
    private KillableAgent agent;
    private PlatformDatabase platformDb;

    /**
     * A master, and an agent on a fresh platform joined to it. The agent starts while the master
     * does: it needs the master only to join.
     */
    @BeforeAll
    void startMasterAndJoinedAgent() throws Exception {
        platformDb = PlatformDatabases.fresh();
        Future<KillableAgent> startedAgent = clients.submit(() -> KillableAgent.start(dataDirs.resolve("agent"), platformDb,
                "ipledger.agent.capture.start-wait=" + CAPTURE_START_WAIT.toSeconds() + "s"));
        try {
            master = KillableMaster.start(ledger, dataDirs.resolve("master"));
        } finally {
            agent = startedAgent.get(3, TimeUnit.MINUTES);
        }
        JoinedPlatform.join(agent.client(), master.baseUrl());
    }

    @AfterAll
    void stopAll() {
        clients.shutdownNow();
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @Test
    void everyRetriedRequestIsAnsweredSoonAfterTheAgentThenTheMasterWithItsBrokerWereKilled() throws Exception {
        long pool = new RestFixture(master.admin()).poolWithRange("10.70.0.0/20", "10.70.0.1", "10.70.15.254");
        ApiClient api = agentAdmin();

        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            work.add(clients.submit(() -> allocateUntilStopped(api, pool)));
        }
        awaitAnswers(20, Duration.ofSeconds(60));
        Instant killed = Instant.now();
        agent.killAndRestart();
        processesBack.add(Instant.now());
        log.info("agent killed and back after {} ms", Duration.between(killed, processesBack.get(0)).toMillis());
        // The master goes while the agent's clients are still catching up with the agent's restart.
        awaitAnswers(answers.size() + 3, RECOVERY.plusSeconds(30));
        killed = Instant.now();
        master.killAndRestart();
        Instant lastBack = Instant.now();
        processesBack.add(lastBack);
        log.info("master and broker killed and back after {} ms", Duration.between(killed, lastBack).toMillis());
        // The clients go on until one of them is answered after the recovery bound, to show writes flow again.
        Awaitility.await().atMost(RECOVERY.plus(AFTER_LAST_FAULT)).pollInterval(PAUSE)
                .until(() -> answers.stream().anyMatch(a -> a.answeredAt.isAfter(lastBack.plus(RECOVERY))));
        stopping.set(true);
        for (Future<?> each : work) {
            each.get(2, TimeUnit.MINUTES);
        }

        List<Answered> all = List.copyOf(answers);
        log.info("{} allocations, {} retried", all.size(), all.stream().filter(a -> a.attempts > 1).count());
        for (Instant back : processesBack) {
            log.info("after the return at {}: first answer {} ms later, slowest request waiting since then answered {} ms later",
                    back, all.stream().filter(a -> a.answeredAt.isAfter(back))
                            .mapToLong(a -> Duration.between(back, a.answeredAt).toMillis()).min().orElse(-1),
                    all.stream().filter(a -> waitedSince(a).equals(back))
                            .mapToLong(a -> Duration.between(back, a.answeredAt).toMillis()).max().orElse(0));
        }
        assertThat(unexpected).as("answers other than 201 and 503").isEmpty();
        assertThat(all).as("requests that waited more than %s after the faulted process was back", RECOVERY)
                .filteredOn(a -> waitedAfterFault(a) > RECOVERY.toMillis()).isEmpty();
        assertThat(all).as("answered after the master's return").anyMatch(a -> a.answeredAt.isAfter(lastBack.plus(RECOVERY)));
        assertNothingAllocatedWithoutItsAnswer(pool, all);
        assertRetriesAnswerTheSameAddress(api, pool, all);
    }

    @Test
    void aWriteThroughTheAgentFailsFastWhileTheMasterIsStoppedAndSucceedsSoonAfterItIsBackAlsoAfterTheAgentRestarted()
            throws Exception {
        long pool = new RestFixture(master.admin()).poolWithRange("10.71.0.0/24", "10.71.0.1", "10.71.0.254");
        ApiClient api = agentAdmin();
        assertThat(allocate(api, pool, UUID.randomUUID().toString(), "vm-before").statusCode()).isEqualTo(201);

        master.stop();
        String requestId = UUID.randomUUID().toString();
        Instant sent = Instant.now();
        HttpResponse<String> during = allocate(api, pool, requestId, "vm-during");
        Duration answeredIn = Duration.between(sent, Instant.now());
        log.info("with the master stopped, a write answered {} in {} ms", during.statusCode(), answeredIn.toMillis());
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(during.body()).contains("master_unreachable");
        assertThat(answeredIn).isLessThanOrEqualTo(FAIL_FAST);

        // Restarted while the broker is away, the agent once exited when capture could not start:
        // it says so in its log, and still serves once a start has failed.
        long failedStarts = agent.logLinesContaining(CAPTURE_CANNOT_START);
        agent.killAndRestart();
        platformDb.jdbc().sql("INSERT INTO ipnet (name, addr, prefix) VALUES ('written-while-away', '10.72.0.0', 24)")
                .update();
        Awaitility.await().atMost(CAPTURE_START_WAIT.multipliedBy(6)).pollInterval(PAUSE)
                .until(() -> agent.logLinesContaining(CAPTURE_CANNOT_START) > failedStarts);
        assertThat(agent.client().get("/api/v1/integration").json().get("state").asString()).isEqualTo("active");
        assertThat(allocate(api, pool, requestId, "vm-during").statusCode()).isEqualTo(503);

        master.restart();
        Instant back = Instant.now();
        HttpResponse<String> after = Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE)
                .until(() -> allocate(api, pool, requestId, "vm-during"), response -> response.statusCode() != 503);
        log.info("writes through the agent succeed again {} ms after the master was back", Duration.between(back, Instant.now()).toMillis());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        assertThat(ledger.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isEqualTo(1);
        Awaitility.await().atMost(RECOVERY).pollInterval(PAUSE).alias("the network written during the outage on the master")
                .conditionEvaluationListener(condition -> {
                    if (condition.getRemainingTimeInMS() <= PAUSE.toMillis()) {
                        log.info("agent's log:\n{}", agent.logTail());
                    }
                })
                .until(() -> ledger.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.72.0.0'") == 1);
        Duration captured = Duration.between(back, Instant.now());
        log.info("the network written during the outage reached the master {} ms after it was back", captured.toMillis());
        assertThat(captured).isLessThanOrEqualTo(RECOVERY);
    }

    /** Allocates with an owner, retrying the same requestId after a 503 or a lost connection, until stopped. */
    private Void allocateUntilStopped(ApiClient api, long pool) throws InterruptedException {
        while (!stopping.get()) {
            String requestId = UUID.randomUUID().toString();
            Instant firstSent = Instant.now();
            for (int attempt = 1;; attempt++) {
                HttpResponse<String> response;
                try {
                    response = allocate(api, pool, requestId, "vm-" + requestId.substring(0, 8));
                } catch (UncheckedIOException lost) {
                    Thread.sleep(PAUSE.toMillis());
                    continue;
                }
                if (response.statusCode() == 201) {
                    answers.add(new Answered(requestId, RetryingAllocator.addressOf(new ApiClient.Response(201, response.body())),
                            firstSent, Instant.now(), attempt));
                    break;
                }
                if (response.statusCode() != 503) {
                    unexpected.add(requestId + ": " + response.statusCode() + " " + response.body());
                    return null;
                }
                Thread.sleep(PAUSE.toMillis());
            }
        }
        return null;
    }

    /**
     * How long a request waited for its answer since it was sent or, if a faulted process came
     * back while it waited, since that return.
     */
    private long waitedAfterFault(Answered answered) {
        return Duration.between(waitedSince(answered), answered.answeredAt).toMillis();
    }

    private Instant waitedSince(Answered answered) {
        Instant from = answered.firstSent;
        for (Instant back : processesBack) {
            if (back.isAfter(from) && back.isBefore(answered.answeredAt)) {
                from = back;
            }
        }
        return from;
    }

    /** Every address the master holds in the pool was answered to the client that asked for it, and only it. */
    private void assertNothingAllocatedWithoutItsAnswer(long pool, List<Answered> all) {
        Map<String, String> stored = ledger.jdbc().queryForList("SELECT request_id, addr FROM ip WHERE ippool = ?", pool).stream()
                .collect(Collectors.toMap(row -> (String) row.get("request_id"), row -> String.valueOf(row.get("addr"))));
        Map<String, String> answered = all.stream().collect(Collectors.toMap(Answered::requestId, Answered::address));
        assertThat(stored).isEqualTo(answered);
    }

    private void assertRetriesAnswerTheSameAddress(ApiClient api, long pool, List<Answered> all) {
        List<String> different = new ArrayList<>();
        for (Answered answered : all.stream().filter(a -> a.attempts > 1).toList()) {
            HttpResponse<String> again = allocate(api, pool, answered.requestId, "vm-" + answered.requestId.substring(0, 8));
            if (again.statusCode() != 201
                    || !RetryingAllocator.addressOf(new ApiClient.Response(201, again.body())).equals(answered.address)) {
                different.add(answered + " -> " + again.statusCode() + " " + again.body());
            }
        }
        assertThat(different).isEmpty();
    }

    private void awaitAnswers(int count, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> answers.size() >= count);
    }

    /** The master's administrator, logged in through the agent. */
    private ApiClient agentAdmin() {
        return ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    /** The agent's allocation API, with the Retry-After header an ApiClient.Response does not keep. */
    private static HttpResponse<String> allocate(ApiClient api, long pool, String requestId, String owner) {
        HttpRequest request = api.request("/api/v1/pools/" + pool + "/allocations").timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"" + requestId + "\",\"owner\":\"" + owner + "\"}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answered(String requestId, String address, Instant firstSent, Instant answeredAt, int attempts) {
    }
}
