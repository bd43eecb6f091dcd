package org.ipledger.agent.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * to the command client). It reads from the end of the topic as it was when it started: a sender
 * {@link #expect expects} a receipt before it sends, and after a restart it sends again (the
 * master answers a repeated event with the same receipt). A receipt that answers nothing this
 * agent waits for (no such event sent, already answered, or keyed by another event id than the
 * one it answers) is ignored and counted: it must never make the agent delete a local row.
 */
public final class Receipts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Receipts.class);

    private final MasterLink link;
    private final Counter unmatched;
    private final Consumer<String, byte[]> consumer;
    private final MessageDeserializer<CommandReply> replies = MessageDeserializer.replies();
    private final Map<String, CompletableFuture<CommandReply>> waiting = new ConcurrentHashMap<>();
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
     * The receipt of the event with this id, completed when it arrives. Call before sending the
     * event; calling again for the same id returns the same future until it completes.
     */
    public CompletableFuture<CommandReply> expect(String eventId) {
        return waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
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
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
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
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || record.value() == null
                || !CloudEventTypes.CHANGE_RECEIPT.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        try {
            CommandReply receipt = replies.deserialize(record.value());
            CompletableFuture<CommandReply> future = receipt.requestId().equals(record.key())
                    ? waiting.remove(receipt.requestId()) : null;
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

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiting.values().forEach(f -> f.completeExceptionally(new IllegalStateException("receipts closed")));
        waiting.clear();
    }
}
