package org.ipledger.master.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.allocation.Reply;
import org.ipledger.schemas.command.Command;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The refusals sent for command records, kept for the record that got each. A refusal stores no
 * effect, so a requester's new attempt is judged afresh (the pool may have grown since); but a record
 * redelivered because its batch was answered and its offset commit then lost must get the refusal
 * already sent: judged again, it could allocate an address its requester was told it would not get.
 * Only a batch that does not continue where this instance's last batch of the partition ended can
 * hold such a record, so the common batch costs no lookup.
 */
@Component
class RefusedCommands {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Duration kept;
    /** Per partition, the offset after the last record handed to {@link #recall}; absent after an assignment. */
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();

    /**
     * @param kept how long a refusal is kept: at least as long as the commands topic keeps a record
     *        (Kafka's default retention, 7 days)
     */
    RefusedCommands(JdbcClient jdbc, JdbcTemplate batch, @Value("${ipledger.kafka.refusals-kept:7d}") Duration kept) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.kept = kept;
    }

    /** A consumer of these partitions may have answered records this instance never saw. */
    void assigned(Iterable<Integer> partitions) {
        partitions.forEach(nextOffsets::remove);
    }

    /**
     * The refusals already sent for these records, by their index in the list: only records that a
     * batch could have answered before (redeliveries) are looked up.
     */
    Map<Integer, Reply> recall(List<ConsumerRecord<String, byte[]>> records, List<Command> commands) {
        Map<Integer, Long> firstOffsets = new HashMap<>();
        Map<Integer, Long> lastOffsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            firstOffsets.merge(record.partition(), record.offset(), Math::min);
            lastOffsets.merge(record.partition(), record.offset(), Math::max);
        }
        Map<Integer, Reply> recalled = new HashMap<>();
        firstOffsets.forEach((partition, first) -> {
            Long expected = nextOffsets.put(partition, lastOffsets.get(partition) + 1);
            if (expected == null || first != expected.longValue()) {
                recallIn(partition, first, lastOffsets.get(partition), records, commands, recalled);
            }
        });
        return recalled;
    }

    private void recallIn(int partition, long first, long last, List<ConsumerRecord<String, byte[]>> records,
            List<Command> commands, Map<Integer, Reply> recalled) {
        Map<Long, StoredRefusal> stored = jdbc.sql("SELECT record_offset, platform_id, request_id, status, response "
                        + "FROM refused_command WHERE record_partition = ? AND record_offset BETWEEN ? AND ?")
                .params(partition, first, last)
                .query((rs, n) -> new StoredRefusal(rs.getLong(1), rs.getString(2), rs.getString(3),
                        new Reply(rs.getInt(4), rs.getString(5))))
                .stream()
                .collect(Collectors.toMap(StoredRefusal::offset, refusal -> refusal));
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            StoredRefusal refusal = record.partition() == partition ? stored.get(record.offset()) : null;
            if (refusal != null && refusal.platformId().equals(commands.get(i).platformId())
                    && refusal.requestId().equals(commands.get(i).requestId())) {
                recalled.put(i, refusal.reply());
            }
        }
    }

    /** Keeps the refusals among these replies; called before any of them is sent. */
    void remember(List<ConsumerRecord<String, byte[]>> records, List<Command> commands, List<Reply> replies) {
        List<Object[]> refusals = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Reply reply = replies.get(i);
            if (!reply.ok()) {
                refusals.add(new Object[] {records.get(i).partition(), records.get(i).offset(), commands.get(i).platformId(),
                        commands.get(i).requestId(), reply.status(), reply.body()});
            }
        }
        if (!refusals.isEmpty()) {
            // IGNORE: a redelivered record's refusal is recalled, not judged again, unless another instance's
            // batch stored it after this one looked.
            batch.batchUpdate("INSERT IGNORE INTO refused_command (record_partition, record_offset, platform_id, "
                    + "request_id, status, response, refused_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", refusals);
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void prune() {
        jdbc.sql("DELETE FROM refused_command WHERE refused_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? SECOND) LIMIT 10000")
                .param(kept.toSeconds())
                .update();
    }

    private record StoredRefusal(long offset, String platformId, String requestId, Reply reply) {
    }
}
