package org.ipledger.master.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Captured row changes on ipledger.changes: applied in order, once, conflicts recorded and reported, poison parked. */
class ChangeEventIT extends OneMaster {

    private static JoinedPlatform platform;

    @BeforeAll
    static void join() {
        platform = new JoinedPlatform(api, database);
    }

    @AfterAll
    static void leave() {
        platform.close();
    }

    @Test
    void createUpdateDeleteOfManyRowsAreAppliedInTheOrderProduced() {
        List<String> events = new ArrayList<>();
        events.add(platform.change("ipnet", "create", network(11, "10.210.0.0", 24)));
        events.add(platform.change("ippool", "create", "{\"id\":11,\"name\":\"p11\"}"));
        events.add(platform.change("ippool_range", "create", range(11, 11, "10.210.0.10", "10.210.0.200")));
        for (int i = 0; i < 30; i++) {
            events.add(platform.change("ip", "create", ip(100 + i, 11, "10.210.0." + (20 + i), "allocated")));
        }
        for (int i = 0; i < 30; i++) {
            events.add(platform.change("ip", "update", ip(100 + i, 11, "10.210.0." + (20 + i), "reserved")));
            if (i % 2 == 0) {
                events.add(platform.change("ip", "delete", ip(100 + i, 11, "10.210.0." + (20 + i), "reserved")));
            }
        }
        events.add(platform.change("ippool", "update", "{\"id\":11,\"name\":\"renamed\"}"));

        platform.send(events.toArray(String[]::new));

        List<ConsumerRecord<String, byte[]>> receipts = platform.receipts(events.stream().map(JoinedPlatform::eventIdOf)
                .toList(), 1);
        assertThat(receipts).hasSize(events.size())
                .allSatisfy(r -> assertThat(JoinedPlatform.JSON.readTree(r.value()).get("ok").asBoolean()).isTrue());
        assertThat(receipts).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(events.stream().map(JoinedPlatform::eventIdOf).toList());
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND status = 'reserved'", platform.id))
                .isEqualTo(15);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ?", platform.id)).isEqualTo(15);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE platform_id = ? AND owner IS NULL", platform.id)).isEqualTo(15);
        assertThat(database.jdbc().queryForObject("SELECT name FROM ippool WHERE platform_id = ?", String.class, platform.id))
                .isEqualTo("renamed");
        assertThat(database.ledgerTypes("address:10.210.0.20"))
                .containsExactly("address_allocated", "address_reserved", "address_released");
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE platform_id = ? AND request_id = ?",
                platform.id, JoinedPlatform.eventIdOf(events.get(0)))).isEqualTo(1);
        // The creates arrive together and are written together; each ledger entry still names its own event.
        for (int i = 0; i < 30; i++) {
            assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE request_id = ? AND entity_key = ? "
                    + "AND type = 'address_allocated'", JoinedPlatform.eventIdOf(events.get(3 + i)), "address:10.210.0." + (20 + i)))
                    .isEqualTo(1);
        }
        assertThat(database.ledgerIsGapFree()).isTrue();
    }

    @Test
    void aCapturedAddressSeesTheNetworksChangedThroughTheApiJustBefore() {
        try (JoinedPlatform other = new JoinedPlatform(api, database)) {
            String outside = other.change("ip", "create", "{\"id\":300,\"addr\":\"10.215.0.5\",\"status\":\"allocated\"}");
            other.send(outside);
            assertThat(other.receipt(JoinedPlatform.eventIdOf(outside)).get("error").asString())
                    .isEqualTo("address_not_in_any_network");
            new RestFixture(api).network("10.215.0.0/24");
            String inside = other.change("ip", "create", "{\"id\":301,\"addr\":\"10.215.0.5\",\"status\":\"allocated\"}");

            other.send(inside);

            assertThat(other.receipt(JoinedPlatform.eventIdOf(inside)).get("ok").asBoolean()).isTrue();
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr = '10.215.0.5' AND platform_id = ?", other.id))
                    .isEqualTo(1);
        }
    }

    @Test
    void theSameEventDeliveredThreeTimesHasOneEffectAndThreeIdenticalReceipts() {
        String event = platform.change("ipnet", "create", network(12, "10.211.0.0", 24));

        platform.send(event, event, event);

        List<ConsumerRecord<String, byte[]>> receipts = platform.receipts(List.of(JoinedPlatform.eventIdOf(event)), 3);
        assertThat(receipts).hasSize(3).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsOnly(new String(receipts.get(0).value(), StandardCharsets.UTF_8));
        assertThat(new String(receipts.get(0).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("org.ipledger.change.receipt.v1");
        assertThat(receipts.get(0).headers().lastHeader("kafka_correlationId").value()).hasSize(16);
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.211.0.0'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE entity_key LIKE 'network:%' AND request_id = ?",
                JoinedPlatform.eventIdOf(event))).isEqualTo(1);
    }

    @Test
    void aConflictingChangeIsRecordedAndReportedAndTheEventsAfterItAreApplied() {
        new RestFixture(api).network("10.212.0.0/24");
        String conflicting = platform.change("ipnet", "create", network(13, "10.212.0.0", 23));
        String after = platform.change("ipnet", "create", network(14, "10.213.0.0", 24));

        platform.send(conflicting, after);

        JsonNode refused = platform.receipt(JoinedPlatform.eventIdOf(conflicting));
        assertThat(refused.get("ok").asBoolean()).isFalse();
        assertThat(refused.get("error").asString()).isEqualTo("network_overlap");
        assertThat(refused.get("message").asString()).contains("Local network 13", "10.212.0.0/24");
        assertThat(platform.receipt(JoinedPlatform.eventIdOf(after)).get("ok").asBoolean()).isTrue();
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.213.0.0' AND platform_id = ?", platform.id))
                .isEqualTo(1);
        JsonNode conflicts = api.get("/api/v1/platforms/" + platform.id + "/conflicts").json().get("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get("eventId").asString()).isEqualTo(JoinedPlatform.eventIdOf(conflicting));
        assertThat(conflicts.get(0).get("error").asString()).isEqualTo("network_overlap");
        assertThat(conflicts.get(0).get("conflicts").get(0).get("master").get("cidr").asString()).isEqualTo("10.212.0.0/24");
        assertThat(master.bean(io.micrometer.core.instrument.MeterRegistry.class).find("ipledger.change.conflicts")
                .counter().count()).isEqualTo(1.0);
    }

    /** Applied together, the second network is checked against the first, which is not committed yet. */
    @Test
    void aNetworkOverlappingOneCapturedJustBeforeItIsRefusedAndAnAddressInANewRangeFindsItsPool() {
        String first = platform.change("ipnet", "create", network(31, "10.214.0.0", 24));
        String pool = platform.change("ippool", "create", "{\"id\":31,\"name\":\"p31\"}");
        String range = platform.change("ippool_range", "create", range(31, 31, "10.214.0.10", "10.214.0.20"));
        String address = platform.change("ip", "create", ip(310, 31, "10.214.0.11", "allocated"));
        String overlapping = platform.change("ipnet", "create", network(32, "10.214.0.0", 23));

        platform.send(first, pool, range, address, overlapping);

        for (String applied : List.of(first, pool, range, address)) {
            assertThat(platform.receipt(JoinedPlatform.eventIdOf(applied)).get("ok").asBoolean()).isTrue();
        }
        JsonNode refused = platform.receipt(JoinedPlatform.eventIdOf(overlapping));
        assertThat(refused.get("error").asString()).isEqualTo("network_overlap");
        assertThat(database.count("SELECT COUNT(*) FROM ipnet WHERE addr = '10.214.0.0'")).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip i JOIN ippool p ON p.id = i.ippool "
                + "WHERE i.addr = '10.214.0.11' AND p.name = 'p31'")).isEqualTo(1);
    }

    @Test
    void anOwnerFieldInAChangeIsRefusedToTheDeadLetterTopicBySchema() {
        String withOwner = platform.change("ip", "create",
                "{\"id\":900,\"addr\":\"10.214.0.5\",\"status\":\"allocated\",\"owner\":\"vm-secret\"}");
        String unsigned = platform.change("ipnet", "create", network(15, "10.215.0.0", 24));

        platform.send(withOwner);
        platform.sendSigned(unsigned, "0".repeat(64));

        assertThat(platform.deadLetterCodes(2)).containsExactlyInAnyOrder("schema_invalid", "signature_mismatch");
        assertThat(database.count("SELECT COUNT(*) FROM processed_change WHERE event_id IN (?, ?)",
                JoinedPlatform.eventIdOf(withOwner), JoinedPlatform.eventIdOf(unsigned))).isZero();
    }

    @Test
    void twoPlatformsSendingTheSameEventIdBothGetTheirOwnCorrectReceipts() {
        String eventId = UUID.randomUUID().toString();
        try (JoinedPlatform other = new JoinedPlatform(api, database)) {
            platform.send(platform.change(eventId, "ipnet", "create", network(16, "10.216.0.0", 24)));
            JsonNode first = platform.receipt(eventId);
            other.send(other.change(eventId, "ipnet", "create", network(16, "10.217.0.0", 24)));
            JsonNode second = other.receipt(eventId);

            assertThat(first.get("ok").asBoolean()).isTrue();
            assertThat(second.get("ok").asBoolean()).isTrue();
            assertThat(first.get("result").get("masterId").asLong()).isEqualTo(database.jdbc().queryForObject(
                    "SELECT id FROM ipnet WHERE addr = '10.216.0.0' AND platform_id = ?", Long.class, platform.id));
            assertThat(second.get("result").get("masterId").asLong()).isEqualTo(database.jdbc().queryForObject(
                    "SELECT id FROM ipnet WHERE addr = '10.217.0.0' AND platform_id = ?", Long.class, other.id));
        }
    }

    @Test
    void aStatusReportSetsThePlatformsLag() {
        platform.send("{\"kind\":\"status\",\"eventId\":\"s-1\",\"platformId\":\"" + platform.id
                + "\",\"appliedSeq\":0,\"reportedAt\":\"2026-05-01T10:15:30Z\"}");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                database.count("SELECT COUNT(*) FROM platform WHERE id = ? AND last_applied_seq = 0", platform.id) == 1);
        assertThat(api.get("/api/v1/platforms").body()).contains("\"lag\"");
    }

    static String network(long id, String addr, int prefix) {
        return "{\"id\":" + id + ",\"name\":\"n" + id + "\",\"addr\":\"" + addr + "\",\"prefix\":" + prefix + "}";
    }

    static String range(long id, long pool, String start, String end) {
        return "{\"id\":" + id + ",\"ippool\":" + pool + ",\"start_addr\":\"" + start + "\",\"end_addr\":\"" + end + "\"}";
    }

    static String ip(long id, long pool, String addr, String status) {
        return "{\"id\":" + id + ",\"ippool\":" + pool + ",\"addr\":\"" + addr + "\",\"status\":\"" + status + "\"}";
    }
}
