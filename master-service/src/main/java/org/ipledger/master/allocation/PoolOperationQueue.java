package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serialises the operations on each pool within this instance and combines those that arrive
 * together into one database transaction. Each pool has a mailbox; a mailbox with work waits in
 * the ready queue until a worker takes it, together with other ready mailboxes, and runs them all
 * in one transaction. While it does, new requests queue up and become the next batch, so under
 * load one commit serves many allocations, of one pool or of many. A pool is served by at most
 * one worker at a time; callers wait on their own reply, never on each other.
 */
@Component
class PoolOperationQueue implements SmartLifecycle {

    private final Map<Long, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final BlockingQueue<Mailbox> ready = new LinkedBlockingQueue<>();
    private final PoolBatchProcessor processor;
    private final AllocationProperties properties;
    private final Timer latency;
    private final DistributionSummary batchSizes;
    private final List<Thread> workers = new ArrayList<>();
    /** The mailboxes this thread filled inside {@link #together}, scheduled once it ends. */
    private final ThreadLocal<Set<Mailbox>> gathering = new ThreadLocal<>();

    PoolOperationQueue(PoolBatchProcessor processor, AllocationProperties properties, MeterRegistry meters) {
        this.processor = processor;
        this.properties = properties;
        this.latency = Timer.builder("ipledger.pool.operation")
                .description("Queueing plus transaction time of an address operation")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("ipledger.pool.batch.size")
                .description("Operations combined into one transaction").register(meters);
    }

    Reply submit(PoolOperation operation) {
        try {
            return submitAsync(operation).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pool " + operation.poolId(), e);
        }
    }

    /** Queues the operation; the future completes with its reply once its transaction committed. */
    CompletableFuture<Reply> submitAsync(PoolOperation operation) {
        Mailbox mailbox = mailboxes.computeIfAbsent(operation.poolId(), Mailbox::new);
        Pending pending = new Pending(operation, new CompletableFuture<>());
        long start = System.nanoTime();
        mailbox.queue.add(pending);
        Set<Mailbox> held = gathering.get();
        if (held != null) {
            held.add(mailbox);
        } else {
            schedule(mailbox);
        }
        return pending.reply.whenComplete((reply, failure) -> latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /**
     * Runs {@code submissions}, whose pools are handed to the workers only once all are queued: a
     * worker woken by the first operation would run it alone and leave the rest to a second
     * transaction. (A worker just finishing a pool's previous transaction may still take what is
     * queued so far.) Nothing inside may wait for an operation it submitted.
     */
    <T> T together(Supplier<T> submissions) {
        if (gathering.get() != null) {
            return submissions.get();
        }
        Set<Mailbox> held = new LinkedHashSet<>();
        gathering.set(held);
        try {
            return submissions.get();
        } finally {
            gathering.remove();
            held.forEach(this::schedule);
        }
    }

    private void schedule(Mailbox mailbox) {
        if (mailbox.scheduled.compareAndSet(false, true)) {
            ready.add(mailbox);
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Mailbox> taken = new ArrayList<>();
            try {
                taken.add(ready.take());
            } catch (InterruptedException e) {
                return;
            }
            ready.drainTo(taken, properties.maxPoolsPerTransaction() - 1);
            try {
                run(taken);
            } finally {
                for (Mailbox mailbox : taken) {
                    mailbox.scheduled.set(false);
                    // A request queued after the drain but before the flag was cleared must not be stranded.
                    if (!mailbox.queue.isEmpty()) {
                        schedule(mailbox);
                    }
                }
            }
        }
    }

    private void run(List<Mailbox> taken) {
        SortedMap<Long, List<PoolOperation>> batches = new TreeMap<>();
        List<Pending> pendings = new ArrayList<>();
        for (Mailbox mailbox : taken) {
            List<Pending> batch = drain(mailbox.queue);
            if (!batch.isEmpty()) {
                batches.put(mailbox.poolId, batch.stream().map(Pending::operation).toList());
                pendings.addAll(batch);
            }
        }
        if (pendings.isEmpty()) {
            return;
        }
        batchSizes.record(pendings.size());
        try {
            Map<Long, List<Reply>> replies = processor.process(batches);
            Map<Long, Integer> next = new HashMap<>();
            for (Pending pending : pendings) {
                long poolId = pending.operation.poolId();
                int index = next.merge(poolId, 1, Integer::sum) - 1;
                pending.reply.complete(replies.get(poolId).get(index));
            }
        } catch (RuntimeException e) {
            pendings.forEach(pending -> pending.reply.completeExceptionally(e));
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

    @Override
    public void start() {
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = new Thread(this::work, "pool-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /**
     * Stops after the Kafka listener containers (which stop at {@code Integer.MAX_VALUE - 100}):
     * a listener waiting for its batch's replies must get them, or it would hold its partitions
     * until its poll interval runs out instead of handing them to another instance.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    @Override
    public void stop() {
        workers.forEach(Thread::interrupt);
        workers.clear();
        IllegalStateException stopped = new IllegalStateException("master-service is stopping");
        for (Mailbox mailbox : mailboxes.values()) {
            for (Pending pending; (pending = mailbox.queue.poll()) != null; ) {
                pending.reply.completeExceptionally(stopped);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return !workers.isEmpty();
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
