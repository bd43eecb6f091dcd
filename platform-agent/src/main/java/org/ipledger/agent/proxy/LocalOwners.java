package org.ipledger.agent.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Owner names of this platform's addresses, kept in the agent's own database and never sent to
 * the master (I5).
 *
 * <p>The owners of concurrent allocations are written together: H2 writes its changed pages at
 * every commit (WRITE_DELAY=0), which cost more than the write itself when each allocation
 * committed its own. A request queues its owners for the one writer thread and waits; the writer
 * takes everything queued so far into one transaction, so requests that arrive while a commit is
 * under way share the next one. Each request still returns only once its owners are committed.
 */
@Repository
class LocalOwners implements AutoCloseable {

    private static final String MERGE = "MERGE INTO local_owner (address, owner) KEY (address) VALUES (?, ?)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    /** Set while a drain is due that has not started yet: a request queued meanwhile needs no other. */
    private final AtomicBoolean drainDue = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("local-owners-"));

    LocalOwners(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Remembers the owner of every address of an allocation's answer {@code {addresses:[{address}]}}. */
    void remember(JsonNode allocation, String owner) {
        if (allocation == null) {
            return;
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : allocation.path("addresses")) {
            addresses.add(address.path("address").asString());
        }
        if (addresses.isEmpty()) {
            return;
        }
        Pending mine = new Pending(addresses, owner, new CompletableFuture<>());
        queued.add(mine);
        if (drainDue.compareAndSet(false, true)) {
            try {
                writer.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Closing: this request fails, and so does every later one instead of waiting for a drain.
                drainDue.set(false);
                throw e;
            }
        }
        try {
            mine.written().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    void forget(String address) {
        jdbc.sql("DELETE FROM local_owner WHERE address = ?").param(address).update();
    }

    /** Writes every queued request's owners in one transaction; if that fails, each request's on its own. */
    private void drain() {
        // Cleared before taking: a request queued from here on schedules the next drain.
        drainDue.set(false);
        List<Pending> taken = new ArrayList<>();
        for (Pending next = queued.poll(); next != null; next = queued.poll()) {
            taken.add(next);
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> taken.forEach(this::merge));
            taken.forEach(each -> each.written().complete(null));
        } catch (RuntimeException e) {
            // One request's failure (an owner longer than the column) must not fail the others.
            taken.forEach(this::writeAlone);
        }
    }

    private void writeAlone(Pending pending) {
        try {
            transaction.executeWithoutResult(status -> merge(pending));
            pending.written().complete(null);
        } catch (RuntimeException e) {
            pending.written().completeExceptionally(e);
        }
    }

    private void merge(Pending pending) {
        for (String address : pending.addresses()) {
            jdbc.sql(MERGE).params(address, pending.owner()).update();
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }

    private record Pending(List<String> addresses, String owner, CompletableFuture<Void> written) {
    }
}
