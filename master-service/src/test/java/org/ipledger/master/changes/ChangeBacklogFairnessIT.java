package org.ipledger.master.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Platforms whose changes one consumer of the master takes: a platform's backlog (its outbox sent
 * again after a restart, its captured rows while the master was down) must not hold back the
 * receipts of another platform until the whole backlog is applied.
 */
class ChangeBacklogFairnessIT {

    private static final int BACKLOG = 600;

    private static LedgerDatabase database;
    private static MasterInstance master;
    private static ApiClient api;
    private static final List<JoinedPlatform> platforms = new ArrayList<>();

    @BeforeAll
    static void startMaster() {
        database = LedgerDatabase.fresh();
        // One consumer takes every partition of the changes topic.
        master = database.startMaster("ipledger.kafka.listener-concurrency=1");
        api = master.adminClient();
    }

    @AfterAll
    static void stopMaster() {
        platforms.forEach(JoinedPlatform::close);
        master.close();
    }

    @Test
    void twoPlatformsBacklogsOnOneConsumerAreAnsweredInterleavedNotOneAfterTheOther() {
        JoinedPlatform first = join();
        JoinedPlatform second = platformOnAnotherPartitionThan(first);
        MessageListenerContainer listener = master.bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("ipledger-changes");
        List<String> firstEvents = releases(first, "10.251.0.");
        List<String> secondEvents = releases(second, "10.252.0.");
        listener.stop();
        try {
            // Both backlogs are on the broker when the consumer fetches again, as after a master's restart.
            first.send(firstEvents.toArray(String[]::new));
            second.send(secondEvents.toArray(String[]::new));
        } finally {
            listener.start();
        }

        List<ConsumerRecord<String, byte[]>> firstReceipts = first.receipts(ids(firstEvents), 1);
        List<ConsumerRecord<String, byte[]>> secondReceipts = second.receipts(ids(secondEvents), 1);

        assertThat(firstReceipts).hasSize(BACKLOG).allSatisfy(r -> assertThat(ok(r)).isTrue());
        assertThat(secondReceipts).hasSize(BACKLOG).allSatisfy(r -> assertThat(ok(r)).isTrue());
        // Neither platform's first receipt waits for the other's last: the batches take from both.
        assertThat(firstTime(secondReceipts)).isLessThan(lastTime(firstReceipts));
        assertThat(firstTime(firstReceipts)).isLessThan(lastTime(secondReceipts));
    }

    private static JoinedPlatform join() {
        JoinedPlatform platform = new JoinedPlatform(api, database);
        platforms.add(platform);
        return platform;
    }

    /** Records are keyed by platform id: one partition holds one platform's changes, in order. */
    private static JoinedPlatform platformOnAnotherPartitionThan(JoinedPlatform other) {
        int partitions = master.bean(LedgerKafkaProperties.class).partitions();
        while (true) {
            JoinedPlatform platform = join();
            if (partition(platform, partitions) != partition(other, partitions)) {
                return platform;
            }
        }
    }

    private static int partition(JoinedPlatform platform, int partitions) {
        return Utils.toPositive(Utils.murmur2(platform.id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Releases of addresses in no network: each one an event of its own, answered "unchanged". */
    private static List<String> releases(JoinedPlatform platform, String prefix) {
        return IntStream.range(0, BACKLOG).mapToObj(i -> platform.change("ip", "delete",
                "{\"id\":" + (i + 1) + ",\"addr\":\"" + prefix + (i % 250 + 1) + "\",\"status\":\"allocated\"}")).toList();
    }

    private static List<String> ids(List<String> events) {
        return events.stream().map(JoinedPlatform::eventIdOf).toList();
    }

    private static boolean ok(ConsumerRecord<String, byte[]> receipt) {
        return JoinedPlatform.JSON.readTree(receipt.value()).get("ok").asBoolean();
    }

    private static long firstTime(List<ConsumerRecord<String, byte[]>> receipts) {
        return receipts.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
    }

    private static long lastTime(List<ConsumerRecord<String, byte[]>> receipts) {
        return receipts.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow();
    }
}
