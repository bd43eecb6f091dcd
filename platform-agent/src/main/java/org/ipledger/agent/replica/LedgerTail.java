package org.ipledger.agent.replica;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
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
 * are re-sends and skipped; an entry above {@code applied + 1} is a gap. A record this agent
 * cannot read (no numeric {@code ipledger_seq}, a value that does not parse) is never applied
 * nor read again: the replica is marked stale, reloads the master's snapshot and goes on after
 * the record, since every record before it was applied and the snapshot holds everything since.
 */
final class LedgerTail implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LedgerTail.class);

    /** How far before the snapshot's request the ledger is searched: producer clocks may differ. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MasterLink link;
    private final ReplicaStore store;
    private final MasterSnapshot snapshot;
    private final TransactionTemplate transaction;
    private final ReplicaProgress progress;
    private final Timer delay;
    private final Counter snapshots;
    private final ReplicaStaleness staleness;
    private final MessageDeserializer<LedgerEntry> entries = MessageDeserializer.ledger();

    private volatile boolean running = true;
    private volatile LedgerReader reader;
    private ReplicaPosition position;
    /** Set when the start offset came from a time search, whose margin a gap would prove too short. */
    private boolean positionedByTime;
    /** The offset of the record a gap at which made the last snapshot load; -1 for none. */
    private long reloadedAtGap = -1;

    LedgerTail(MasterLink link, ReplicaStore store, MasterSnapshot snapshot, TransactionTemplate transaction,
            ReplicaProgress progress, Timer delay, Counter snapshots, ReplicaStaleness staleness) {
        this.link = link;
        this.store = store;
        this.snapshot = snapshot;
        this.transaction = transaction;
        this.progress = progress;
        this.delay = delay;
        this.snapshots = snapshots;
        this.staleness = staleness;
    }

    @Override
    public void run() {
        Map<String, Object> properties = link.consumerProperties("replica");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (LedgerReader ledger = new LedgerReader(properties, new TopicPartition(link.topics().ledger(), 0))) {
            reader = ledger;
            Duration backoff = Duration.ofSeconds(1);
            boolean seek = true;
            while (running) {
                try {
                    if (seek) {
                        position = store.position();
                        if (!position.loaded()) {
                            loadSnapshot();
                        }
                        seek(ledger);
                        seek = false;
                    }
                    seek = tail(ledger);
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
            reader = null;
        }
    }

    /** Stops the thread at its next step; a poll in progress is woken up. */
    void stop() {
        running = false;
        LedgerReader current = reader;
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

    private void seek(LedgerReader ledger) {
        positionedByTime = false;
        if (position.nextOffset().isPresent()) {
            ledger.seek(position.nextOffset().get());
        } else if (position.snapshotAt().isPresent()) {
            ledger.seek(ledger.offsetAt(position.snapshotAt().get().minus(CLOCK_MARGIN).toEpochMilli()));
            positionedByTime = true;
        } else {
            ledger.seekToBeginning();
        }
        progress.reset(position.appliedSeq());
    }

    /** One poll; true when the consumer must be positioned again (a snapshot was loaded). */
    private boolean tail(LedgerReader ledger) throws Exception {
        var records = ledger.poll();
        ledger.lag().ifPresent(progress::lag);
        if (records.isEmpty()) {
            return false;
        }
        long applied = position.appliedSeq();
        long nextOffset = -1;
        List<LedgerEntry> batch = new ArrayList<>(records.count());
        ConsumerRecord<String, byte[]> gap = null;
        ConsumerRecord<String, byte[]> unreadable = null;
        String why = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            OptionalLong seq = seqOf(record);
            if (seq.isEmpty()) {
                unreadable = record;
                why = record.headers().lastHeader("ipledger_seq") == null
                        ? "no ipledger_seq and a value that does not parse" : "an ipledger_seq that is not a number";
                break;
            }
            if (seq.getAsLong() > applied + 1) {
                if (record.offset() == reloadedAtGap) {
                    // Still beyond a snapshot taken after it was published: no ledger entry of the master.
                    unreadable = record;
                    why = "seq " + seq.getAsLong() + " beyond the snapshot's " + applied;
                } else {
                    gap = record;
                    log.warn("replica: gap on the ledger, seq {} after {} (offset {})", seq.getAsLong(), applied,
                            record.offset());
                }
                break;
            }
            if (seq.getAsLong() == applied + 1) {
                Optional<LedgerEntry> entry = parse(record);
                if (entry.isEmpty()) {
                    unreadable = record;
                    why = "a value that does not parse";
                    break;
                }
                batch.add(entry.get());
                applied = seq.getAsLong();
            }
            nextOffset = record.offset() + 1;
        }
        if (nextOffset >= 0) {
            commit(batch, applied, nextOffset);
        }
        if (unreadable != null) {
            String reason = "ledger record at offset " + unreadable.offset() + " has " + why;
            staleness.unreadable(reason);
            if (unreadable.offset() == reloadedAtGap) {
                // The snapshot just loaded for it holds everything before it already.
                log.error("replica: {}; it is not applied, the ledger is read on after it", reason);
                commit(List.of(), applied, unreadable.offset() + 1);
                staleness.reloaded();
                reloadedAtGap = -1;
            } else {
                log.error("replica stale: {}; it is not applied, the master's snapshot is loaded instead and the ledger "
                        + "read on after it", reason);
                reload(unreadable.offset() + 1);
            }
            return true;
        }
        if (gap == null) {
            return false;
        }
        if (positionedByTime) {
            log.warn("replica: the ledger before the snapshot's time was not far enough back; reading from the start");
            ledger.seekToBeginning();
            positionedByTime = false;
            return false;
        }
        reload(gap.offset());
        reloadedAtGap = gap.offset();
        return true;
    }

    /**
     * Loads the master's snapshot and goes on reading at {@code resumeOffset}: every record before
     * it was applied or skipped, so the snapshot, taken after they were published, holds them.
     */
    private void reload(long resumeOffset) throws Exception {
        loadSnapshot();
        long seq = position.appliedSeq();
        transaction.executeWithoutResult(status -> store.advanced(seq, resumeOffset));
        position = store.position();
        staleness.reloaded();
        reloadedAtGap = -1;
    }

    private void commit(List<LedgerEntry> batch, long applied, long nextOffset) {
        transaction.executeWithoutResult(status -> {
            store.apply(batch);
            store.advanced(applied, nextOffset);
        });
        position = new ReplicaPosition(true, applied, Optional.of(nextOffset), position.snapshotAt(), position.masterUrl(),
                position.platformId());
        progress.applied(applied, batch.stream().flatMap(e -> e.requestId().stream()).distinct().toList());
        Instant now = Instant.now();
        batch.forEach(e -> delay.record(Duration.between(e.committedAt(), now)));
    }

    /** The entry, or empty when the record holds something this agent cannot read. */
    private Optional<LedgerEntry> parse(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(entries.deserialize(record.value()));
        } catch (MessageFormatException e) {
            log.debug("replica: unreadable ledger entry at offset {}: {}", record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The {@code ipledger_seq} header, or the value's seq when a record lacks it; empty when neither can be read. */
    private OptionalLong seqOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("ipledger_seq");
        try {
            if (header != null) {
                return header.value() == null ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.UTF_8)));
            }
            return record.value() == null ? OptionalLong.empty() : OptionalLong.of(entries.deserialize(record.value()).seq());
        } catch (NumberFormatException | MessageFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
