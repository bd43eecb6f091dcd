package org.ipledger.agent.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Timer;
import org.ipledger.agent.kafka.ChangeChannel;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.PlatformRow;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.reply.CommandReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, on a thread of its own, for the master's receipts of the captured changes capture has
 * sent, in their order, and acts on them: a confirmed row leaves the platform's tables, a refused
 * one is recorded; then the change leaves the {@link CaptureOutbox}. Capture meanwhile reads and
 * sends the next changes, so a batch does not wait for the previous one's round trip. At most
 * {@value #MAX_UNCONFIRMED} changes wait; capture waits when that many do.
 */
final class ReceiptConfirmer {

    private static final Logger log = LoggerFactory.getLogger(ReceiptConfirmer.class);
    private static final int MAX_UNCONFIRMED = 10_000;
    /** Receipts handled together: one local delete and one outbox delete for them all. */
    private static final int MAX_BATCH = 2_048;
    private static final long RESEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record InFlight(CaptureOutbox.Pending pending, CompletableFuture<CommandReply> receipt) {
    }

    private final String platformId;
    private final ChangeChannel channel;
    private final CaptureOutbox outbox;
    private final CaptureBook book;
    private final LocalRowRemoval removal;
    private final Timer lag;
    private final BlockingQueue<InFlight> queue = new LinkedBlockingQueue<>(MAX_UNCONFIRMED);
    private final Thread thread;
    private volatile boolean running = true;

    ReceiptConfirmer(String platformId, ChangeChannel channel, CaptureOutbox outbox, CaptureBook book,
            LocalRowRemoval removal, Timer lag) {
        this.platformId = platformId;
        this.channel = channel;
        this.outbox = outbox;
        this.book = book;
        this.removal = removal;
        this.lag = lag;
        this.thread = new Thread(this::run, "ipledger-capture-receipts");
        this.thread.setDaemon(true);
    }

    /** Sends what an earlier run left unconfirmed, then starts waiting for receipts. */
    void start() throws InterruptedException {
        List<CaptureOutbox.Pending> left = outbox.unconfirmed();
        if (!left.isEmpty()) {
            log.info("[platform={}] sending {} captured changes again whose receipts had not come", platformId, left.size());
        }
        thread.start();
        send(left);
    }

    /** Sends changes already in the outbox and queues them for their receipts. */
    void send(List<CaptureOutbox.Pending> pending) throws InterruptedException {
        for (CaptureOutbox.Pending p : pending) {
            InFlight sent = new InFlight(p, channel.publish(p.event()));
            while (!queue.offer(sent, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    throw new InterruptedException("change capture stopped");
                }
            }
        }
    }

    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<InFlight> batch = new ArrayList<>();
        try {
            while (running) {
                if (batch.isEmpty()) {
                    InFlight first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                List<CommandReply> receipts = new ArrayList<>(batch.size());
                for (InFlight each : batch) {
                    receipts.add(await(each));
                }
                // Those right behind whose receipts are in already are handled with these.
                for (InFlight next; batch.size() < MAX_BATCH && (next = queue.peek()) != null && next.receipt().isDone(); ) {
                    batch.add(queue.poll());
                    receipts.add(await(next));
                }
                try {
                    handle(batch, receipts);
                    batch.clear();
                } catch (RuntimeException e) {
                    log.error("[platform={}] handling {} receipts failed, trying again: {}", platformId, batch.size(),
                            e.toString());
                    Thread.sleep(1_000);
                }
            }
        } catch (InterruptedException e) {
            // Stopped: what is not handled stays in the outbox and is sent again at the next start.
        }
    }

    /** The receipt; the change is sent again whenever none came for a while (the master answers a repeat alike). */
    private CommandReply await(InFlight sent) throws InterruptedException {
        CompletableFuture<CommandReply> receipt = sent.receipt();
        long since = System.nanoTime();
        while (running) {
            try {
                return receipt.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - since < RESEND_AFTER_NANOS) {
                    continue;
                }
            } catch (ExecutionException e) {
                log.debug("sending {} failed: {}", sent.pending().event().eventId(), e.getCause().toString());
            }
            log.warn("[platform={} request={}] no receipt yet, sending again", platformId, sent.pending().event().eventId());
            receipt = channel.publish(sent.pending().event());
            since = System.nanoTime();
        }
        throw new InterruptedException("change capture stopped");
    }

    private void handle(List<InFlight> batch, List<CommandReply> receipts) {
        List<ChangeEvent> confirmed = new ArrayList<>(batch.size());
        long now = System.currentTimeMillis() * 1_000;
        for (int i = 0; i < batch.size(); i++) {
            CaptureOutbox.Pending pending = batch.get(i).pending();
            CommandReply receipt = receipts.get(i);
            lag.record(Math.max(0, now - pending.capturedAtMicros()), TimeUnit.MICROSECONDS);
            ChangeEvent event = pending.event();
            if (receipt.ok()) {
                confirmed.add(event);
            } else {
                book.rejected(event, receipt);
                log.warn("[platform={} request={}] the master refused the {} of {} row {} ({}): {}", platformId,
                        event.eventId(), event.op().wireName(), event.table().tableName(), event.row().id(),
                        receipt.error().orElse(""), receipt.message().orElse(""));
            }
        }
        removeConfirmed(confirmed);
        outbox.confirmed(batch.get(batch.size() - 1).pending().id());
    }

    /** Confirmed creates and updates leave the platform tables; confirmed deletes leave local_owner. */
    private void removeConfirmed(List<ChangeEvent> confirmed) {
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
