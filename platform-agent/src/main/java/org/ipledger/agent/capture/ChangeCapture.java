package org.ipledger.agent.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

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
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.PlatformRow;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.reply.CommandReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the platform database's binlog for its four tables (flow 4) with Debezium's embedded
 * engine and sends every row change to the master. Once the master confirms a create or update,
 * the local row is deleted (as the agent's own delete, which is not forwarded); a refused change
 * is recorded and its row stays. While a migration's chunks are not yet confirmed, captured
 * changes are held, so they reach the master after the snapshot they may repeat.
 *
 * <p>A batch's offsets are committed only after its receipts are handled, so a crash replays
 * it: the same binlog position gives the same event id, which the master applies once.
 */
@Component
public class ChangeCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
    private static final long RECEIPT_WAIT_SECONDS = 30;

    private final PlatformDatabase platform;
    private final Path dataDir;
    private final ChangeChannels channels;
    private final OwnDeletes ownDeletes;
    private final LocalRowRemoval removal;
    private final CaptureBook book;
    private final MeterRegistry meters;

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService runner;
    private volatile MasterLink link;
    private volatile ChangeChannel channel;
    private volatile Timer lag;
    private volatile boolean running;
    private volatile boolean held;
    private volatile Throwable failure;
    private final Object gate = new Object();

    public ChangeCapture(PlatformDatabase platform, DataSource stateDataSource, AgentProperties properties,
            ChangeChannels channels, OwnDeletes ownDeletes, LocalRowRemoval removal, ObjectProvider<MeterRegistry> meters) {
        this.platform = platform;
        this.dataDir = properties.dataDir();
        this.channels = channels;
        this.ownDeletes = ownDeletes;
        this.removal = removal;
        this.book = new CaptureBook(stateDataSource);
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    /** Follows the integration: runs while the platform is migrating or active. */
    @EventListener
    public void on(IntegrationChanged change) {
        IntegrationState state = change.current().state();
        Optional<MasterLink> joined = change.link();
        if ((state == IntegrationState.MIGRATING || state == IntegrationState.ACTIVE) && joined.isPresent()) {
            start(joined.get(), state == IntegrationState.MIGRATING);
            if (state == IntegrationState.ACTIVE) {
                release();
            }
        } else {
            stop();
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
        this.link = masterLink;
        this.channel = channels.open(masterLink);
        this.held = hold;
        this.failure = null;
        this.lag = Timer.builder("ipledger.capture.lag").description("local commit to the master's receipt")
                .tag("platform", masterLink.platformId()).publishPercentiles(0.5, 0.99).register(meters);
        Path directory = dataDir.resolve("capture").resolve(masterLink.platformId());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(CaptureEngineSettings.of(platform, masterLink.platformId(), directory))
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (!success) {
                        failure = error != null ? error : new IllegalStateException(message);
                        log.error("[platform={}] change capture stopped: {}", masterLink.platformId(), message, error);
                    }
                    running = false;
                })
                .build();
        running = true;
        runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "ipledger-capture"));
        runner.execute(engine);
        awaitStreaming(CaptureEngineSettings.topicPrefix(masterLink.platformId()));
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
        synchronized (gate) {
            gate.notifyAll();
        }
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

    /** For the integration's status. */
    public CaptureStatus status() {
        return new CaptureStatus(running, held, book.rejectionCount(), book.latestRejections(5));
    }

    @PreDestroy
    @Override
    public void close() {
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

    private record Sent(CapturedRow row, ChangeEvent event, CompletableFuture<CommandReply> receipt) {
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        String platformId = link.platformId();
        List<CapturedRow> changes = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> record : records) {
            CapturedRow.of(record.record())
                    .filter(c -> !(c.op() == ChangeOperation.DELETE && ownDeletes.isOwn(c.table().tableName(), c.row().id(), c.sequence())))
                    .ifPresent(changes::add);
        }
        if (!changes.isEmpty()) {
            awaitRelease();
            book.keepLocal(changes);
            List<Sent> sent = new ArrayList<>();
            for (CapturedRow change : changes) {
                ChangeEvent event = new ChangeEvent(change.eventId(platformId), platformId, change.sequence(),
                        Optional.of(change.position().file() + ":" + change.position().position()), change.capturedAt(),
                        change.op(), change.row());
                sent.add(new Sent(change, event, channel.publish(event)));
            }
            List<CapturedRow> confirmed = new ArrayList<>();
            for (Sent s : sent) {
                CommandReply receipt = awaitReceipt(s);
                long micros = System.currentTimeMillis() * 1_000 - s.row().capturedAtMicros();
                lag.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
                if (receipt.ok()) {
                    confirmed.add(s.row());
                } else {
                    book.rejected(s.event(), receipt);
                    log.warn("[platform={} request={}] the master refused the {} of {} row {} ({}): {}", platformId,
                            s.event().eventId(), s.row().op().wireName(), s.row().table().tableName(), s.row().row().id(),
                            receipt.error().orElse(""), receipt.message().orElse(""));
                }
            }
            removeConfirmed(confirmed);
        }
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
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

    /** Waits for a receipt; sends the event again when none comes (the master answers a repeat alike). */
    private CommandReply awaitReceipt(Sent s) throws InterruptedException {
        CompletableFuture<CommandReply> receipt = s.receipt();
        while (true) {
            if (!running) {
                throw new InterruptedException("change capture stopped");
            }
            try {
                return receipt.get(RECEIPT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.warn("[platform={} request={}] no receipt yet ({}), sending again", link.platformId(),
                        s.event().eventId(), e.toString());
                receipt = channel.publish(s.event());
            }
        }
    }

    /** Confirmed creates and updates leave the platform tables; confirmed deletes leave local_owner. */
    private void removeConfirmed(List<CapturedRow> confirmed) {
        for (PlatformTable table : List.of(PlatformTable.IP, PlatformTable.IPPOOL_RANGE, PlatformTable.IPPOOL,
                PlatformTable.IPNET)) {
            long[] ids = confirmed.stream().filter(c -> c.table() == table && c.op() != ChangeOperation.DELETE)
                    .mapToLong(c -> c.row().id()).sorted().distinct().toArray();
            if (ids.length == 0) {
                continue;
            }
            if (table == PlatformTable.IPPOOL || table == PlatformTable.IPNET) {
                removal.removeWhenUnused(table, ids);
                continue;
            }
            IdRun.Builder runs = new IdRun.Builder();
            for (long id : ids) {
                runs.add(id);
            }
            removal.remove(table, runs.build(), n -> { });
        }
        removal.markUsed(PlatformTable.IPPOOL, confirmed.stream().flatMap(c -> poolOf(c.row())).distinct().toList());
        removal.markUsed(PlatformTable.IPNET, confirmed.stream()
                .flatMap(c -> c.row() instanceof PoolRangeRow range ? range.networkId().stream() : Stream.empty())
                .distinct().toList());
        book.forgetReleased(confirmed);
    }

    private static Stream<Long> poolOf(PlatformRow row) {
        if (row instanceof AddressRow address) {
            return address.poolId().stream();
        }
        return row instanceof PoolRangeRow range ? Stream.of(range.poolId()) : Stream.empty();
    }
}
