package org.ipledger.agent.replica;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.MessageFormatException;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The replica's one worker thread: loads a snapshot when there is none (or after a gap), then
 * reads the single partition of the ledger topic from the stored offset and applies each poll's
 * entries in one transaction with the new position. Entries at or below the applied {@code seq}
 * are re-sends and skipped; an entry above {@code applied + 1} is a gap.
 */
final class LedgerTail implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LedgerTail.class);

    /** How far before the snapshot's request the ledger is searched: producer clocks may differ. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MasterLink link;
    private final ReplicaStore store;
    private final MasterSnapshot snapshot;
    private final TransactionTemplate transaction;
    private final ReplicaProgress progress;
    private final Timer delay;
    private final Counter snapshots;
    private final MessageDeserializer<LedgerEntry> entries = MessageDeserializer.ledger();
    private final TopicPartition partition;

    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private ReplicaPosition position;
    /** Set when the start offset came from a time search, whose margin a gap would prove too short. */
    private boolean positionedByTime;

    LedgerTail(MasterLink link, ReplicaStore store, MasterSnapshot snapshot, TransactionTemplate transaction,
            ReplicaProgress progress, Timer delay, Counter snapshots) {
        this.link = link;
        this.store = store;
        this.snapshot = snapshot;
        this.transaction = transaction;
        this.progress = progress;
        this.delay = delay;
        this.snapshots = snapshots;
        this.partition = new TopicPartition(link.topics().ledger(), 0);
    }

    @Override
    public void run() {
        Map<String, Object> properties = link.consumerProperties("replica");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.assign(List.of(partition));
            Duration backoff = Duration.ofSeconds(1);
            boolean seek = true;
            while (running) {
                try {
                    if (seek) {
                        position = store.position();
                        if (!position.loaded()) {
                            loadSnapshot();
                        }
                        seek(kafka);
                        seek = false;
                    }
                    seek = tail(kafka);
                    backoff = Duration.ofSeconds(1);
                } catch (WakeupException e) {
                    // stop() woke the consumer up
                } catch (Exception e) {
                    if (!running) {
                        break;
                    }
                    log.warn("replica of {}: {}; retrying in {} s", link.masterUrl(), e.toString(), backoff.toSeconds());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    seek = true;
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Stops the thread at its next step; a poll in progress is woken up. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void loadSnapshot() throws Exception {
        long started = System.nanoTime();
        MasterSnapshot.Loaded loaded = snapshot.load(link);
        double seconds = (System.nanoTime() - started) / 1e9;
        snapshots.increment();
        progress.reset(loaded.seq());
        position = store.position();
        log.info("replica loaded the master's snapshot at seq {}: {} entities in {} s ({} rows/s)", loaded.seq(),
                loaded.rows(), String.format("%.2f", seconds), Math.round(loaded.rows() / Math.max(seconds, 1e-3)));
    }

    private void seek(KafkaConsumer<String, byte[]> kafka) {
        positionedByTime = false;
        if (position.nextOffset().isPresent()) {
            kafka.seek(partition, position.nextOffset().get());
        } else if (position.snapshotAt().isPresent()) {
            // The end first: a record appended after it is found by the seek to the end.
            long end = kafka.endOffsets(List.of(partition)).get(partition);
            long since = position.snapshotAt().get().minus(CLOCK_MARGIN).toEpochMilli();
            OffsetAndTimestamp found = kafka.offsetsForTimes(Map.of(partition, since)).get(partition);
            kafka.seek(partition, found == null ? end : Math.min(found.offset(), end));
            positionedByTime = true;
        } else {
            kafka.seekToBeginning(List.of(partition));
        }
        progress.reset(position.appliedSeq());
    }

    /** One poll; true when the consumer must be positioned again (a snapshot was loaded). */
    private boolean tail(KafkaConsumer<String, byte[]> kafka) throws Exception {
        var records = kafka.poll(POLL);
        kafka.currentLag(partition).ifPresent(progress::lag);
        if (records.isEmpty()) {
            return false;
        }
        long applied = position.appliedSeq();
        long nextOffset = -1;
        List<LedgerEntry> batch = new ArrayList<>(records.count());
        boolean gap = false;
        boolean malformed = false;
        for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
            long seq = seqOf(record);
            if (seq > applied + 1) {
                gap = true;
                log.warn("replica: gap on the ledger, seq {} after {} (offset {})", seq, applied, record.offset());
                break;
            }
            if (seq == applied + 1) {
                Optional<LedgerEntry> entry = parse(record);
                if (entry.isEmpty()) {
                    malformed = true;
                    break;
                }
                batch.add(entry.get());
                applied = seq;
            }
            nextOffset = record.offset() + 1;
        }
        if (nextOffset >= 0) {
            commit(batch, applied, nextOffset);
        }
        if (!gap && !malformed) {
            return false;
        }
        if (gap && positionedByTime) {
            log.warn("replica: the ledger before the snapshot's time was not far enough back; reading from the start");
            kafka.seekToBeginning(List.of(partition));
            positionedByTime = false;
            return false;
        }
        loadSnapshot();
        return true;
    }

    private void commit(List<LedgerEntry> batch, long applied, long nextOffset) {
        transaction.executeWithoutResult(status -> {
            batch.forEach(store::apply);
            store.advanced(applied, nextOffset);
        });
        position = new ReplicaPosition(true, applied, Optional.of(nextOffset), position.snapshotAt(), position.masterUrl(),
                position.platformId());
        progress.applied(applied, batch.stream().flatMap(e -> e.requestId().stream()).distinct().toList());
        Instant now = Instant.now();
        batch.forEach(e -> delay.record(Duration.between(e.committedAt(), now)));
    }

    /** The entry, or empty (and logged) when the master wrote something this agent cannot read. */
    private Optional<LedgerEntry> parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(entries.deserialize(record.value()));
        } catch (MessageFormatException e) {
            log.error("replica: unreadable ledger entry at offset {}: {}; loading a snapshot instead", record.offset(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** The {@code ipledger_seq} header, or the value's seq when a record lacks it. */
    private long seqOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("ipledger_seq");
        if (header != null) {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        }
        return entries.deserialize(record.value()).seq();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
