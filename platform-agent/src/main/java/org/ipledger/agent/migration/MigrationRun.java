package org.ipledger.agent.migration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.capture.IdRun;
import org.ipledger.agent.capture.LocalRowRemoval;
import org.ipledger.agent.integration.IntegrationChanged;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.kafka.ChangeChannel;
import org.ipledger.agent.kafka.ChangeChannels;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.cloudevents.CloudEventTypes;
import org.ipledger.schemas.reply.CommandReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Moves the platform's address space to the master (flow 3): one consistent snapshot stored as
 * chunks, every chunk published and confirmed by the master, then the transferred rows deleted
 * locally. Each step is recorded in the agent's state, so a call after a crash at any point
 * resumes where the last one stopped, and a call after completion does nothing (I6).
 */
@Component
public class MigrationRun {

    private static final Logger log = LoggerFactory.getLogger(MigrationRun.class);

    /** Chunks sent ahead of the oldest unconfirmed one. */
    private static final int WINDOW = 16;

    /** Deletes go child first, so the platform's foreign keys hold throughout. */
    private static final List<PlatformTable> DELETE_ORDER =
            List.of(PlatformTable.IP, PlatformTable.IPPOOL_RANGE, PlatformTable.IPPOOL, PlatformTable.IPNET);

    private final MigrationStore store;
    private final PlatformSnapshot snapshot;
    private final ChangeChannels channels;
    private final ChangeCapture capture;
    private final LocalRowRemoval removal;
    private final Checkpoint checkpoint;
    private final Duration receiptTimeout;
    private volatile MigrationProgress progress = MigrationProgress.IDLE;

    @Autowired
    public MigrationRun(PlatformDatabase platform, DataSource stateDataSource, ChangeChannels channels,
            ChangeCapture capture, LocalRowRemoval removal) {
        this(platform, stateDataSource, channels, capture, removal, Checkpoint.NONE, Duration.ofMinutes(5));
    }

    MigrationRun(PlatformDatabase platform, DataSource stateDataSource, ChangeChannels channels, ChangeCapture capture,
            LocalRowRemoval removal, Checkpoint checkpoint, Duration receiptTimeout) {
        this.store = new MigrationStore(stateDataSource);
        this.snapshot = new PlatformSnapshot(platform, store, stateDataSource);
        this.channels = channels;
        this.capture = capture;
        this.removal = removal;
        this.checkpoint = checkpoint;
        this.receiptTimeout = receiptTimeout;
    }

    /** A detached platform that joins again migrates afresh: what it moved before is its own again. */
    @EventListener
    synchronized void integrationChanged(IntegrationChanged change) {
        if (change.detached()) {
            store.forgetAll();
            progress = MigrationProgress.IDLE;
        }
    }

    /** The idempotency key of one chunk. */
    static String eventId(String migrationId, int chunkIndex) {
        return migrationId + ":" + chunkIndex;
    }

    /** How far the current (or last) migration is. */
    public MigrationProgress progress() {
        return progress;
    }

    /**
     * Migrates, or resumes or confirms an earlier migration of this platform; blocks until it is
     * done, refused by the master, or interrupted. Starts change capture (held until the chunks
     * are confirmed) before taking the snapshot, so rows written meanwhile follow the chunks.
     */
    public synchronized MigrationOutcome migrate(MasterLink link) {
        String platformId = link.platformId();
        try {
            capture.start(link, true);
            store.discardUnfinishedSnapshots(platformId);
            Optional<MigrationStore.StoredMigration> latest = store.latest(platformId);
            String migrationId;
            if (latest.isEmpty() || latest.get().phase() == MigrationPhase.REJECTED) {
                migrationId = UUID.randomUUID().toString();
                long started = System.nanoTime();
                long rows = snapshot.take(migrationId, platformId);
                log.info("[platform={}] migration {}: snapshot of {} rows stored in {} ms", platformId, migrationId, rows,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } else {
                migrationId = latest.get().migrationId();
                log.info("[platform={}] migration {} resumes in phase {}", platformId, migrationId,
                        latest.get().phase().code());
            }
            MigrationStore.StoredMigration migration = store.latest(platformId).orElseThrow();
            if (migration.phase() == MigrationPhase.PUBLISHING) {
                long publishing = System.nanoTime();
                Optional<CommandReply> refusal = publish(channels.open(link), migration);
                if (refusal.isPresent()) {
                    return rejected(platformId, migration, refusal.get());
                }
                log.info("[platform={}] migration {}: all {} chunks confirmed by the master in {} ms", platformId,
                        migrationId, migration.chunkTotal(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - publishing));
                store.moveTo(migrationId, MigrationPhase.DELETING);
            }
            capture.release();
            if (store.latest(platformId).orElseThrow().phase() == MigrationPhase.DELETING) {
                deleteTransferred(platformId, migration);
                store.moveTo(migrationId, MigrationPhase.DONE);
                store.dropPayloads(migrationId);
            }
            progress = new MigrationProgress(MigrationPhase.DONE.code(), migration.rowsTotal(), migration.rowsTotal());
            log.info("[platform={}] migration {} done: {} rows on the master, none left locally", platformId,
                    migrationId, migration.rowsTotal());
            return MigrationOutcome.completed(migrationId, migration.rowsTotal());
        } catch (TimeoutException e) {
            return failed(platformId, "receipt_timeout", "the master did not confirm a chunk within " + receiptTimeout);
        } catch (SQLException | DataAccessException e) {
            log.error("[platform={}] migration interrupted: {}", platformId, e.toString(), e);
            // GET /api/v1/integration shows the reason to anyone: the database's text, naming tables and statements, stays in the log.
            return failed(platformId, "migration_interrupted",
                    "a statement on the platform's or the agent's database failed; the agent's log has the detail");
        } catch (RuntimeException e) {
            log.error("[platform={}] migration interrupted: {}", platformId, e.toString(), e);
            return failed(platformId, "migration_interrupted", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(platformId, "migration_interrupted", "interrupted");
        }
    }

    private record InFlight(int index, int rows, CompletableFuture<CommandReply> receipt) {
    }

    /** Sends the unconfirmed chunks, a window at a time; the first refusal stops it. */
    private Optional<CommandReply> publish(ChangeChannel channel, MigrationStore.StoredMigration migration)
            throws TimeoutException, InterruptedException {
        String id = migration.migrationId();
        AtomicLong done = new AtomicLong(store.confirmedRows(id));
        progress = new MigrationProgress(MigrationPhase.PUBLISHING.code(), done.get(), migration.rowsTotal());
        Deque<InFlight> inFlight = new ArrayDeque<>();
        long confirmedChunks = migration.chunkTotal() - store.unconfirmedChunks(id).size();
        for (int index : store.unconfirmedChunks(id)) {
            MigrationStore.StoredChunk chunk = store.chunk(id, index);
            inFlight.add(new InFlight(index, chunk.rowCount(),
                    channel.publish(eventId(id, index), CloudEventTypes.MIGRATION_CHUNK, chunk.payload())));
            if (inFlight.size() >= WINDOW) {
                Optional<CommandReply> refusal = confirmOldest(inFlight, migration, done, ++confirmedChunks);
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        }
        while (!inFlight.isEmpty()) {
            Optional<CommandReply> refusal = confirmOldest(inFlight, migration, done, ++confirmedChunks);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        checkpoint.reached("chunks_confirmed", migration.chunkTotal());
        return Optional.empty();
    }

    private Optional<CommandReply> confirmOldest(Deque<InFlight> inFlight, MigrationStore.StoredMigration migration,
            AtomicLong done, long confirmedChunks) throws TimeoutException, InterruptedException {
        InFlight oldest = inFlight.removeFirst();
        CommandReply receipt;
        try {
            receipt = oldest.receipt().get(receiptTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("chunk " + oldest.index() + " was not sent: " + e.getCause().getMessage(),
                    e.getCause());
        }
        if (!receipt.ok()) {
            return Optional.of(receipt);
        }
        store.confirm(migration.migrationId(), oldest.index());
        progress = new MigrationProgress(MigrationPhase.PUBLISHING.code(), done.addAndGet(oldest.rows()),
                migration.rowsTotal());
        checkpoint.reached("chunk_confirmed", confirmedChunks);
        return Optional.empty();
    }

    /** Deletes exactly the rows of the snapshot that are still there, child tables first. */
    private void deleteTransferred(String platformId, MigrationStore.StoredMigration migration) {
        String id = migration.migrationId();
        AtomicLong deleted = new AtomicLong();
        progress = new MigrationProgress(MigrationPhase.DELETING.code(), 0, migration.rowsTotal());
        for (PlatformTable table : DELETE_ORDER) {
            List<IdRun> runs = store.ids(id, table);
            removal.remove(table, runs, count -> {
                long total = deleted.addAndGet(count);
                progress = new MigrationProgress(MigrationPhase.DELETING.code(), total, migration.rowsTotal());
                store.rowsDeleted(id, total);
                checkpoint.reached("rows_deleted", total);
            });
            log.info("[platform={}] migration {}: local {} rows deleted ({} so far)", platformId, id,
                    table.tableName(), deleted.get());
        }
    }

    private MigrationOutcome rejected(String platformId, MigrationStore.StoredMigration migration, CommandReply receipt) {
        String error = receipt.error().orElse("conflict");
        String message = receipt.message().orElse("the master refused a chunk");
        store.rejected(migration.migrationId(), error, message);
        progress = new MigrationProgress(MigrationPhase.REJECTED.code(), 0, migration.rowsTotal());
        log.error("[platform={}] migration {} refused by the master ({}): {}; nothing was deleted locally", platformId,
                migration.migrationId(), error, message);
        return new MigrationOutcome(MigrationOutcome.Result.REJECTED, migration.migrationId(), migration.rowsTotal(),
                Optional.of(error), Optional.of(message));
    }

    private MigrationOutcome failed(String platformId, String error, String message) {
        String migrationId = store.latest(platformId).map(MigrationStore.StoredMigration::migrationId).orElse("");
        long rows = store.latest(platformId).map(MigrationStore.StoredMigration::rowsTotal).orElse(0L);
        log.warn("[platform={}] migration {} stopped ({}): {}; calling migrate again resumes", platformId, migrationId,
                error, message);
        return new MigrationOutcome(MigrationOutcome.Result.FAILED, migrationId, rows, Optional.of(error),
                Optional.of(message));
    }
}
