package org.ipledger.agent.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.connect.source.SourceRecord;
import org.ipledger.agent.AgentProperties;
import org.ipledger.agent.integration.IntegrationChanged;
import org.ipledger.agent.integration.IntegrationState;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.kafka.ChangeChannel;
import org.ipledger.agent.kafka.ChangeChannels;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.FileSystemUtils;
import org.springframework.stereotype.Component;

/**
 * Follows the platform database's binlog for its four tables (flow 4) with Debezium's embedded
 * engine and sends every row change to the master. Once the master confirms a create or update,
 * the local row is deleted (as the agent's own delete, which is not forwarded); a refused change
 * is recorded and its row stays. While a migration's chunks are not yet confirmed, captured
 * changes are held, so they reach the master after the snapshot they may repeat.
 *
 * <p>A batch's events are stored in the {@link CaptureOutbox} before they are sent and before
 * the offsets move past them; their receipts are handled by the {@link ReceiptConfirmer} while
 * capture reads on. After a crash the outbox is sent again, and a replayed binlog position gives
 * the same event id: the master applies each once.
 */
@Component
public class ChangeCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
    private static final long RETRY_SECONDS = 5;

    private final PlatformDatabase platform;
    private final Path dataDir;
    private final ChangeChannels channels;
    private final OwnDeletes ownDeletes;
    private final LocalRowRemoval removal;
    private final CaptureBook book;
    private final CaptureOutbox outbox;
    private final MeterRegistry meters;

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService runner;
    private volatile MasterLink link;
    private volatile ChangeChannel channel;
    private volatile Timer lag;
    private volatile ReceiptConfirmer confirmer;
    private volatile boolean running;
    private volatile boolean held;
    private volatile Throwable failure;
    private volatile long handledThrough;
    /** Set once the engine streams, cleared when it stops: only then can capture stall. */
    private volatile boolean streaming;
    /** Whether a batch is being handled, which may wait for a migration or for the master's Kafka. */
    private volatile boolean handling;
    /** {@link System#nanoTime()} of the last batch handled, or of the start. */
    private volatile long lastBatchAt;
    private final Duration stallTimeout;
    private final Duration pollInterval;
    private final Object gate = new Object();
    /** Where a start at the agent's start is tried until it succeeds. */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ipledger-capture-start");
        thread.setDaemon(true);
        return thread;
    });
    private final Object starting = new Object();
    private Future<?> dueStart;
    /** Why capture waits to start, while it does. */
    private volatile String waiting;
    /** Why capture cannot start at all until the operator acts (its binlog purged); no longer tried. */
    private volatile String failed;

    public ChangeCapture(PlatformDatabase platform, DataSource stateDataSource, AgentProperties properties,
            ChangeChannels channels, OwnDeletes ownDeletes, LocalRowRemoval removal, ObjectProvider<MeterRegistry> meters) {
        this.platform = platform;
        this.dataDir = properties.dataDir();
        this.stallTimeout = properties.agent().capture().stallTimeout();
        this.pollInterval = properties.agent().capture().pollInterval();
        this.channels = channels;
        this.ownDeletes = ownDeletes;
        this.removal = removal;
        this.book = new CaptureBook(stateDataSource);
        this.outbox = new CaptureOutbox(stateDataSource);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /**
     * Follows the integration: runs while the platform is migrating or active. At the agent's
     * start capture resumes from its stored offsets in the background, trying again every
     * {@value #RETRY_SECONDS} s while the master's Kafka cannot be reached: the agent serves
     * meanwhile, and nothing the platform writes in between is lost. At a join it starts before
     * the migration reads the tables, or the join fails.
     */
    @EventListener
    public void on(IntegrationChanged change) {
        IntegrationState state = change.current().state();
        Optional<MasterLink> joined = change.link();
        if ((state == IntegrationState.MIGRATING || state == IntegrationState.ACTIVE) && joined.isPresent()) {
            boolean hold = state == IntegrationState.MIGRATING;
            if (change.previous() == state) {
                startWhenReachable(joined.get(), hold);
                return;
            }
            start(joined.get(), hold);
            if (!hold) {
                release();
            }
        } else {
            cancelDueStart();
            stop();
            if (change.detached()) {
                forget();
            }
        }
    }

    /** Starts on the starter's thread, again and again until it streams or is cancelled. */
    private void startWhenReachable(MasterLink masterLink, boolean hold) {
        inBackground(() -> attemptUntilStarted(masterLink, hold));
    }

    /** Runs a start on the starter's thread in place of any start due there. */
    private void inBackground(Runnable start) {
        synchronized (starting) {
            cancelDueStart();
            dueStart = starter.submit(start);
        }
    }

    /**
     * Starts capture again when it has received nothing for the stall timeout, not even a heartbeat,
     * outside a batch. The binlog client can hang for good when its keep-alive thread reconnects into
     * an error (such as a purged binlog): it then waits for its own end, and the engine neither streams
     * nor stops, so nothing else would notice.
     */
    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void restartWhenStalled() {
        MasterLink current = link;
        if (streaming && !handling && current != null && System.nanoTime() - lastBatchAt > stallTimeout.toNanos()) {
            streaming = false;
            log.warn("[platform={}] change capture received nothing from the binlog for {} s, not even a heartbeat; "
                    + "starting it again", current.platformId(), stallTimeout.toSeconds());
            boolean hold = held;
            inBackground(() -> {
                stop();
                attemptUntilStarted(current, hold);
            });
        }
    }

    private void attemptUntilStarted(MasterLink masterLink, boolean hold) {
        while (true) {
            try {
                start(masterLink, hold);
                break;
            } catch (BinlogResume.PurgedBinlogException e) {
                failed = e.getMessage();
                waiting = null;
                log.error("[platform={}] change capture failed: {}", masterLink.platformId(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                waiting = e.getMessage();
                log.warn("[platform={}] change capture cannot start yet ({}); trying again in {} s",
                        masterLink.platformId(), e.getMessage(), RETRY_SECONDS);
            }
            try {
                TimeUnit.SECONDS.sleep(RETRY_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
        waiting = null;
        if (!hold) {
            release();
        }
    }

    /** Interrupts a start being tried in the background; guarded apart from start() so it never waits for one. */
    private void cancelDueStart() {
        synchronized (starting) {
            if (dueStart != null) {
                dueStart.cancel(true);
                dueStart = null;
            }
            waiting = null;
        }
    }

    /**
     * Forgets what capture kept for the master it followed: offsets, schema history, unconfirmed
     * changes, own deletes, rejections. After a detach the platform's tables are its own again, and
     * a new join migrates them afresh and captures from then on.
     */
    private synchronized void forget() {
        outbox.clear();
        ownDeletes.clear();
        removal.forgetPending();
        book.clearRejections();
        handledThrough = 0;
        failed = null;
        try {
            FileSystemUtils.deleteRecursively(dataDir.resolve("capture"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir.resolve("capture"), e);
        }
    }

    /**
     * Starts following the binlog from where it stopped (from now on the first time) and returns
     * once the engine is streaming. Does nothing if it already runs for this link.
     *
     * @param hold whether captured changes wait for {@link #release()} (a migration is under way)
     */
    public synchronized void start(MasterLink masterLink, boolean hold) {
        if (running && masterLink.equals(link)) {
            return;
        }
        stop();
        Path directory = dataDir.resolve("capture").resolve(masterLink.platformId());
        BinlogResume.check(platform, CaptureEngineSettings.offsetsFile(directory));
        this.link = masterLink;
        this.channel = channels.open(masterLink);
        this.held = hold;
        this.failure = null;
        this.lag = Timer.builder("ipledger.capture.lag").description("local commit to the master's receipt")
                .tag("platform", masterLink.platformId()).publishPercentiles(0.5, 0.99).register(meters);
        this.confirmer = new ReceiptConfirmer(masterLink.platformId(), channel, outbox, book, removal, lag);
        try {
            confirmer.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting change capture", e);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        AtomicBoolean streamed = new AtomicBoolean();
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(CaptureEngineSettings.of(platform, masterLink.platformId(), directory, pollInterval))
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    // stop() clears running before it closes the engine: still set, the engine stopped on its own.
                    boolean unexpected = running;
                    running = false;
                    streaming = false;
                    if (!success) {
                        failure = error != null ? error : new IllegalStateException(message);
                        log.error("[platform={}] change capture stopped: {}", masterLink.platformId(), message, error);
                    }
                    if (unexpected && streamed.get()) {
                        // Debezium gives up only on errors it cannot retry, such as a binlog purged while it
                        // was disconnected; started again, capture either resumes or says why it cannot.
                        log.warn("[platform={}] change capture stopped on its own; starting it again",
                                masterLink.platformId());
                        startWhenReachable(masterLink, held);
                    }
                })
                .build();
        running = true;
        lastBatchAt = System.nanoTime();
        runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "ipledger-capture"));
        runner.execute(engine);
        awaitStreaming(CaptureEngineSettings.topicPrefix(masterLink.platformId()));
        streamed.set(true);
        if (!running) {
            // Stopped between streaming and now: the callback saw it too early to start it again.
            throw new IllegalStateException("change capture stopped as it started: "
                    + (failure == null ? "no reason given" : failure.getMessage()), failure);
        }
        lastBatchAt = System.nanoTime();
        streaming = true;
        log.info("[platform={}] change capture streaming{}", masterLink.platformId(), hold ? " (held)" : "");
    }

    /** Lets held changes go to the master: the migration's chunks are confirmed. */
    public void release() {
        synchronized (gate) {
            if (held) {
                held = false;
                log.info("[platform={}] change capture released", link == null ? "" : link.platformId());
            }
            gate.notifyAll();
        }
    }

    /** Stops following the binlog; the offsets of handled changes are kept. */
    public synchronized void stop() {
        if (engine == null) {
            return;
        }
        running = false;
        streaming = false;
        synchronized (gate) {
            gate.notifyAll();
        }
        // Capture may wait to hand the confirmer more; the unconfirmed stay in the outbox.
        confirmer.stop();
        try {
            engine.close();
        } catch (IOException | IllegalStateException e) {
            log.debug("closing the capture engine: {}", e.toString());
        }
        runner.shutdown();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine = null;
        log.info("[platform={}] change capture stopped", link == null ? "" : link.platformId());
    }

    /** The binlog sequence of the last row captured and handled; its offset is stored within the flush interval. */
    long handledThrough() {
        return handledThrough;
    }

    /** Whether captured changes go to the master now: running and not held for a migration. */
    boolean forwarding() {
        return running && !held;
    }

    /**
     * Captured changes sent to the master whose receipts have not been handled yet; while capture
     * is stopped (draining), those it sends again when it starts.
     */
    public long unconfirmed() {
        return outbox.size();
    }

    /** For the integration's status. */
    public CaptureStatus status() {
        return new CaptureStatus(running, held, Optional.ofNullable(waiting), Optional.ofNullable(failed),
                book.rejectionCount(), book.latestRejections(5));
    }

    @PreDestroy
    @Override
    public void close() {
        cancelDueStart();
        starter.shutdownNow();
        stop();
    }

    private void awaitStreaming(String serverName) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            ObjectName pattern = new ObjectName("debezium.*:type=connector-metrics,context=streaming,server=" + serverName + ",*");
            while (System.nanoTime() < deadline) {
                if (failure != null) {
                    throw new IllegalStateException("change capture failed to start: " + failure.getMessage(), failure);
                }
                for (ObjectName name : server.queryNames(pattern, null)) {
                    if (Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting change capture", e);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot read the capture's metrics", e);
        }
        throw new IllegalStateException("change capture did not start streaming within 60 s");
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        handling = true;
        try {
            handle(records, committer);
        } finally {
            lastBatchAt = System.nanoTime();
            handling = false;
        }
    }

    private void handle(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        String platformId = link.platformId();
        List<CapturedRow> changes = new ArrayList<>();
        long through = handledThrough;
        for (RecordChangeEvent<SourceRecord> record : records) {
            Optional<CapturedRow> captured = CapturedRow.of(record.record());
            if (captured.isPresent()) {
                CapturedRow change = captured.get();
                through = Math.max(through, change.sequence());
                if (!(change.op() == ChangeOperation.DELETE
                        && ownDeletes.isOwn(change.table().tableName(), change.row().id(), change.sequence()))) {
                    changes.add(change);
                }
            }
        }
        if (!changes.isEmpty()) {
            awaitRelease();
            book.keepLocal(changes);
            List<ChangeEvent> events = changes.stream().map(change -> new ChangeEvent(change.eventId(platformId),
                    platformId, change.sequence(), Optional.of(change.position().file() + ":" + change.position().position()),
                    change.capturedAt(), change.op(), change.row())).toList();
            // Stored before the offsets pass them; their receipts are awaited on the confirmer's thread.
            confirmer.send(outbox.add(events, changes.stream().map(CapturedRow::capturedAtMicros).toList()));
        }
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        handledThrough = through;
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (gate) {
            while (held && running) {
                gate.wait(1_000);
            }
        }
        if (!running) {
            throw new InterruptedException("change capture stopped");
        }
    }

}
