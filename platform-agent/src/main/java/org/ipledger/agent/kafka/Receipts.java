package org.ipledger.agent.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.schemas.cloudevents.CloudEventTypes;
import org.ipledger.schemas.reply.CommandReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's receipts for this platform's change events and chunks, picked out of the
 * platform's replies topic by their {@code ce_type} (command replies on the same topic are left
 * to the command client). A sender {@link #expect expects} a receipt before it sends, and after a
 * restart it sends again (the master answers a repeated event with the same receipt).
 *
 * <p>It reads from where it stopped (the position is committed as it reads), so the receipts
 * the master sent while this agent was down or restarting are not skipped: they answer the
 * changes the agent sends again at its start, which otherwise wait until the master has worked
 * through everything queued before their repeats. Those receipts that nothing expects yet are
 * kept for the sender's {@link #expect}. A receipt read later that answers nothing this agent
 * waits for (no such event sent, already answered, or keyed by another event id than the one it
 * answers) is ignored and counted: it must never make the agent delete a local row.
 */
public final class Receipts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    /** As many as capture may wait for (its outbox), with room for repeats; one not kept is answered again. */
    private static final int MAX_SENT_BEFORE = 100_000;
    private static final Duration POSITION_WAIT = Duration.ofSeconds(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final MasterLink link;
    private final Counter unmatched;
    private final Consumer<String, byte[]> consumer;
    private final MessageDeserializer<CommandReply> replies = MessageDeserializer.replies();
    private final Map<String, CompletableFuture<CommandReply>> waiting = new ConcurrentHashMap<>();
    /** Receipts sent before this reader started that nothing expected when they were read. */
    private final Map<String, CommandReply> sentBefore = new HashMap<>();
    /** Guards {@link #waiting} against {@link #sentBefore}: a receipt read from either side is handed out once. */
    private final Object claims = new Object();
    /** Per partition, the end of the topic at start: the receipts before it were sent before this reader started. */
    private volatile Map<TopicPartition, Long> startEnds = Map.of();
    private final Thread poller;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;
    /** Why the poller stopped before it was positioned, for {@link #start()} to fail at once. */
    private volatile RuntimeException failure;
    private final Duration startWait;

    Receipts(MasterLink link, Counter unmatched, Duration startWait) {
        this.link = link;
        this.unmatched = unmatched;
        this.startWait = startWait;
        Map<String, Object> properties = link.consumerProperties("receipts");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // The broker answers a fetch as soon as a record arrives (fetch.min.bytes=1): the default
        // longest wait (500 ms) bounds only an idle fetch, which at 10 ms made every joined agent
        // send the master's broker 100 empty fetches a second.
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.poller = new Thread(this::run, "ipledger-receipts-" + link.platformId());
        this.poller.setDaemon(true);
    }

    /** Starts reading and returns once positioned at the topic's end; fails after {@code startWait}. */
    void start() {
        poller.start();
        try {
            if (!positioned.await(startWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("replies topic " + link.topics().replies(link.platformId())
                        + " could not be read within " + startWait.toSeconds() + " s");
            }
            if (failure != null) {
                throw new IllegalStateException("replies topic " + link.topics().replies(link.platformId())
                        + " could not be read: " + failure.getMessage(), failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting receipts", e);
        }
    }

    /**
     * The receipt of the event with this id, completed when it arrives, or already if the master
     * sent it before this reader started. Call before sending the event; calling again for the
     * same id returns the same future until it completes.
     */
    public CompletableFuture<CommandReply> expect(String eventId) {
        synchronized (claims) {
            CommandReply earlier = sentBefore.remove(eventId);
            if (earlier != null) {
                return CompletableFuture.completedFuture(earlier);
            }
            return waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
        }
    }

    /** Forgets a receipt nobody waits for any more. */
    public void forget(String eventId) {
        waiting.remove(eventId);
    }

    private void run() {
        try {
            String topic = link.topics().replies(link.platformId());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, startWait).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, startWait);
            Map<TopicPartition, OffsetAndMetadata> read = stoppedAt(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata stopped = read.get(partition);
                // A position the topic no longer retains is reset to its end (auto.offset.reset).
                consumer.seek(partition, stopped != null && stopped.offset() < ends.get(partition)
                        ? stopped.offset() : ends.get(partition));
            }
            startEnds = ends;
            // From the first start on there is a position to resume from.
            commitPosition();
            positioned.countDown();
            boolean moved = false;
            long committedAt = System.nanoTime();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                moved |= !records.isEmpty();
                // Every command reply passes here too: a commit per poll cost the broker a request
                // per allocation. Once a second re-reads at most a second of receipts after a restart.
                if (moved && System.nanoTime() - committedAt >= COMMIT_INTERVAL.toNanos()) {
                    commitPosition();
                    moved = false;
                    committedAt = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // close() asked to stop
        } catch (RuntimeException e) {
            log.error("[platform={}] receipts stopped: {}", link.platformId(), e.toString(), e);
            failure = e;
            waiting.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            // Wakes a start() still waiting: it fails now rather than at its bound.
            positioned.countDown();
            // Closing waits for the last position's commit, by default up to 30 s while the broker
            // is down: a commit lost only makes the next start read some receipts again.
            consumer.close(CloseOptions.timeout(CLOSE_WAIT));
        }
    }

    /**
     * Where this reader stopped, or nothing: the receipts and replies flow without the group's
     * coordinator, so one that does not answer soon (a broker still loading its groups) costs
     * only the receipts sent meanwhile, which the master sends again for the changes sent again.
     */
    private Map<TopicPartition, OffsetAndMetadata> stoppedAt(List<TopicPartition> partitions) {
        try {
            return consumer.committed(Set.copyOf(partitions), POSITION_WAIT);
        } catch (KafkaException e) {
            log.warn("[platform={}] reading receipts from the end of {}: where it stopped is unknown ({})",
                    link.platformId(), link.topics().replies(link.platformId()), e.toString());
            return Map.of();
        }
    }

    private void commitPosition() {
        consumer.commitAsync((offsets, failure) -> {
            if (failure != null) {
                // The next read commits again; a restart meanwhile only reads some receipts twice.
                log.debug("[platform={}] storing the receipts' position failed: {}", link.platformId(), failure.toString());
            }
        });
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || record.value() == null
                || !CloudEventTypes.CHANGE_RECEIPT.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        try {
            CommandReply receipt = replies.deserialize(record.value());
            CompletableFuture<CommandReply> future = null;
            if (receipt.requestId().equals(record.key())) {
                synchronized (claims) {
                    future = waiting.remove(receipt.requestId());
                    if (future == null && sentBeforeStart(record)) {
                        keepSentBefore(receipt);
                        return;
                    }
                }
            }
            if (future != null) {
                future.complete(receipt);
            } else {
                unmatched.increment();
                log.warn("[platform={}] ignored a receipt at offset {} that matches no change this agent waits for "
                        + "(event {}, key {})", link.platformId(), record.offset(), receipt.requestId(), record.key());
            }
        } catch (RuntimeException e) {
            unmatched.increment();
            log.warn("[platform={}] ignored an unreadable receipt at offset {}: {}", link.platformId(), record.offset(),
                    e.getMessage());
        }
    }

    private boolean sentBeforeStart(ConsumerRecord<String, byte[]> record) {
        Long end = startEnds.get(new TopicPartition(record.topic(), record.partition()));
        return end != null && record.offset() < end;
    }

    private void keepSentBefore(CommandReply receipt) {
        if (sentBefore.size() < MAX_SENT_BEFORE) {
            sentBefore.put(receipt.requestId(), receipt);
        } else {
            log.debug("[platform={}] not keeping the earlier receipt of {}: {} kept already", link.platformId(),
                    receipt.requestId(), MAX_SENT_BEFORE);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (claims) {
            waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("receipts closed")));
            waiting.clear();
            sentBefore.clear();
        }
    }
}
