package org.ipledger.agent.migration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.ipledger.agent.capture.IdRun;
import org.ipledger.agent.capture.LocalRowRemoval;
import org.ipledger.schemas.change.PlatformTable;

/**
 * Deletes the addresses of confirmed chunks locally while later chunks are still on their way:
 * the platform's database does that work while the master applies, instead of after it. Addresses
 * have no local rows depending on them, so they can go as soon as the master has them; networks,
 * pools and ranges wait for the deleting phase. Runs on a thread of its own, in chunk order, and
 * records how far it got, so the deleting phase and a resumed migration skip what is gone.
 */
final class ConfirmedAddressDeletes implements AutoCloseable {

    private final String migrationId;
    private final MigrationStore store;
    private final LocalRowRemoval removal;
    private final List<IdRun> addresses;
    private final LongConsumer deleted;
    private final ExecutorService thread;
    private CompletableFuture<Void> latest = CompletableFuture.completedFuture(null);
    private long deletedThrough;

    /**
     * @param deletedThrough every address of the snapshot up to this id is already gone
     * @param deleted told the count of each delete statement
     */
    ConfirmedAddressDeletes(String migrationId, MigrationStore store, LocalRowRemoval removal, long deletedThrough,
            LongConsumer deleted) {
        this.migrationId = migrationId;
        this.store = store;
        this.removal = removal;
        this.addresses = store.ids(migrationId, PlatformTable.IP);
        this.deletedThrough = deletedThrough;
        this.deleted = deleted;
        this.thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "migration-address-deletes"));
    }

    /** The master confirmed a chunk whose highest address id is this: its addresses go. */
    void confirmed(long lastIpId) {
        // Chained, so a failed delete stops the ones after it and the recorded position never skips rows.
        latest = latest.thenRunAsync(() -> deleteThrough(lastIpId), thread);
    }

    /** Throws if a delete failed: the migration stops, and resumes from what was recorded. */
    void check() {
        if (latest.isCompletedExceptionally()) {
            try {
                latest.join();
            } catch (CompletionException e) {
                throw failed(e.getCause());
            }
        }
    }

    /** Waits until the addresses of every chunk confirmed so far are deleted. */
    void await() throws InterruptedException {
        try {
            latest.get();
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        }
    }

    private static IllegalStateException failed(Throwable cause) {
        return new IllegalStateException("deleting migrated addresses locally failed: " + cause.getMessage(), cause);
    }

    private void deleteThrough(long lastIpId) {
        if (lastIpId <= deletedThrough) {
            return;
        }
        removal.remove(PlatformTable.IP, IdRun.between(addresses, deletedThrough, lastIpId), deleted);
        store.ipsDeletedThrough(migrationId, lastIpId);
        deletedThrough = lastIpId;
    }

    /** Lets a delete under way finish, and drops the ones not started: the deleting phase does those. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(1, TimeUnit.MINUTES);
    }
}
