package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Serialises the operations on each pool within this instance and combines those that arrive
 * together into one database transaction. Each pool has a mailbox; while a worker runs one batch
 * of a pool, the requests that arrive queue up and become its next batch, so under load one
 * commit serves many allocations. At most one worker serves a pool at a time; callers wait on
 * their own reply, never on each other.
 */
@Component
class PoolOperationQueue {

    private final Map<Long, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final PoolBatchProcessor processor;
    private final AllocationProperties properties;
    private final ExecutorService workers;

    private final Timer latency;
    private final DistributionSummary batchSizes;

    PoolOperationQueue(PoolBatchProcessor processor, AllocationProperties properties, MeterRegistry meters) {
        this.processor = processor;
        this.properties = properties;
        this.latency = Timer.builder("ipledger.pool.operation").description("Queueing plus transaction time of an address operation")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("ipledger.pool.batch.size")
                .description("Operations combined into one pool transaction").register(meters);
        this.workers = Executors.newFixedThreadPool(properties.workers(), new CustomizableThreadFactory("pool-worker-"));
    }

    Reply submit(PoolOperation operation) {
        Mailbox mailbox = mailboxes.computeIfAbsent(operation.poolId(), Mailbox::new);
        Pending pending = new Pending(operation, new CompletableFuture<>());
        long start = System.nanoTime();
        mailbox.queue.add(pending);
        schedule(mailbox);
        try {
            Reply reply = pending.reply.get();
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return reply;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pool " + operation.poolId(), e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }

    private void schedule(Mailbox mailbox) {
        if (mailbox.scheduled.compareAndSet(false, true)) {
            workers.execute(() -> runOneBatch(mailbox));
        }
    }

    /** Runs one batch, then yields the worker so other pools get their turn. */
    private void runOneBatch(Mailbox mailbox) {
        try {
            run(mailbox.poolId, drain(mailbox.queue));
        } finally {
            mailbox.scheduled.set(false);
            // A request queued after the drain but before the flag was cleared must not be stranded.
            if (!mailbox.queue.isEmpty()) {
                schedule(mailbox);
            }
        }
    }

    private List<Pending> drain(Queue<Pending> queue) {
        List<Pending> batch = new ArrayList<>();
        int addresses = 0;
        Pending next;
        while (addresses < properties.maxBatchAddresses() && (next = queue.poll()) != null) {
            batch.add(next);
            addresses += next.operation instanceof PoolOperation.Take take ? take.count() : 1;
        }
        return batch;
    }

    private void run(long poolId, List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        batchSizes.record(batch.size());
        try {
            List<Reply> replies = processor.process(poolId, batch.stream().map(Pending::operation).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply.complete(replies.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.reply.completeExceptionally(e));
        }
    }

    private record Pending(PoolOperation operation, CompletableFuture<Reply> reply) {
    }

    private static final class Mailbox {
        final long poolId;
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Mailbox(long poolId) {
            this.poolId = poolId;
        }
    }
}
