package org.ipledger.agent.replica;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the ledger's partition for the replica at two speeds, since a consumer's fetch wait is
 * fixed when it is created. Waiting, while the ledger is quiet: a fetch stays on the broker until
 * the first new entry (Kafka's default wait, half a second), so a quiet ledger costs the agent and
 * the broker a fetch every half second and its next entry comes at once. Gathering, from that entry
 * until a poll brings nothing for {@link #QUIET}: each fetch stays on the broker until
 * {@link #GATHER} has passed or {@link #GATHER_BYTES} are there, so a busy ledger comes in runs,
 * each applied in one transaction, no entry waits longer than the gather, and a backlog comes at
 * once. The broker holds the fetch rather than the agent pausing between polls: a poll sends its
 * next fetch before it returns, so entries that came during a pause waited for the fetch after next.
 * Each speed has its consumer; the one taking over is positioned where the other stopped.
 */
final class LedgerReader implements AutoCloseable {

    /** How long a gathering fetch waits on the broker: the longest an entry waits for the replica to ask. */
    static final Duration GATHER = Duration.ofMillis(10);
    /** More than a busy ledger brings in {@link #GATHER}, so that the wait is what ends a fetch. */
    static final int GATHER_BYTES = 256 * 1024;
    /** How long a gathering poll waits for entries before the reader goes back to waiting. */
    static final Duration QUIET = Duration.ofMillis(200);
    /** How long a waiting poll blocks before the tail comes round again; its fetch stays on the broker meanwhile. */
    private static final Duration WAIT = Duration.ofMillis(200);

    private final TopicPartition partition;
    private final KafkaConsumer<String, byte[]> waiting;
    private final KafkaConsumer<String, byte[]> gathering;
    private KafkaConsumer<String, byte[]> active;
    private OptionalLong lag = OptionalLong.empty();

    LedgerReader(Map<String, Object> properties, TopicPartition partition) {
        this.partition = partition;
        this.waiting = consumer(properties, Map.of());
        KafkaConsumer<String, byte[]> second = null;
        try {
            second = consumer(properties, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) GATHER.toMillis(),
                    ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHER_BYTES));
        } finally {
            if (second == null) {
                waiting.close();
            }
        }
        this.gathering = second;
        this.active = waiting;
    }

    private KafkaConsumer<String, byte[]> consumer(Map<String, Object> properties, Map<String, Object> fetch) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(fetch);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(all, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        return consumer;
    }

    /** The next entries, at the speed the ledger's recent traffic calls for; empty after a quiet spell. */
    ConsumerRecords<String, byte[]> poll() {
        boolean wasWaiting = active == waiting;
        ConsumerRecords<String, byte[]> records = active.poll(wasWaiting ? WAIT : QUIET);
        // Read before a switch: the consumer taking over knows the partition's end only from its own last fetch.
        lag = active.currentLag(partition);
        if (records.isEmpty() != wasWaiting) {
            KafkaConsumer<String, byte[]> next = wasWaiting ? gathering : waiting;
            next.seek(partition, active.position(partition));
            active = next;
        }
        return records;
    }

    /** How many records the partition held past the last poll's position, when its fetch told. */
    OptionalLong lag() {
        return lag;
    }

    void seek(long offset) {
        active.seek(partition, offset);
    }

    void seekToBeginning() {
        active.seekToBeginning(List.of(partition));
    }

    /** The offset of the first record at or after {@code epochMillis}, or the end when there is none. */
    long offsetAt(long epochMillis) {
        // The end first: a record appended after it is found by the seek to the end.
        long end = active.endOffsets(List.of(partition)).get(partition);
        OffsetAndTimestamp found = active.offsetsForTimes(Map.of(partition, epochMillis)).get(partition);
        return found == null ? end : Math.min(found.offset(), end);
    }

    /** Fetches answered at either speed, as the consumers count them ({@code fetch-total}). */
    long fetches() {
        return fetchTotal(waiting) + fetchTotal(gathering);
    }

    private static long fetchTotal(KafkaConsumer<?, ?> consumer) {
        return consumer.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("consumer-fetch-manager-metrics")
                        && metric.getKey().name().equals("fetch-total"))
                .mapToLong(metric -> ((Number) metric.getValue().metricValue()).longValue())
                .sum();
    }

    /** Ends a poll in progress, from any thread: it throws {@code WakeupException}. */
    void wakeup() {
        waiting.wakeup();
        gathering.wakeup();
    }

    @Override
    public void close() {
        try {
            waiting.close();
        } finally {
            gathering.close();
        }
    }
}
