package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Serialises the operations on each pool within this instance and combines those that arrive
 * together into one database transaction. Each caller queues its operation and takes the pool's
 * lock; whoever holds it runs everything queued so far as one batch and hands every waiter its
 * reply. Under load one commit then serves many allocations instead of one.
 */
@Component
class PoolOperationQueue {

    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final PoolBatchProcessor processor;
    private final AllocationProperties properties;

    PoolOperationQueue(PoolBatchProcessor processor, AllocationProperties properties) {
        this.processor = processor;
        this.properties = properties;
    }

    Reply submit(PoolOperation operation) {
        Lane lane = lanes.computeIfAbsent(operation.poolId(), id -> new Lane());
        Pending pending = new Pending(operation, new CompletableFuture<>());
        lane.queue.add(pending);
        while (!pending.reply.isDone()) {
            lane.lock.lock();
            try {
                if (!pending.reply.isDone()) {
                    run(operation.poolId(), drain(lane.queue));
                }
            } finally {
                lane.lock.unlock();
            }
        }
        try {
            return pending.reply.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pool " + operation.poolId(), e);
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

    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock lock = new ReentrantLock();
    }
}
