package org.ipledger.agent.capture;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.ipledger.schemas.AddressStatus;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PlatformRow;
import org.ipledger.schemas.change.PlatformTable;
import org.ipledger.schemas.change.PoolRangeRow;
import org.ipledger.schemas.change.PoolRow;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row change read from the binlog by Debezium, in the terms of the wire: the row without
 * owner, DNSBL and note (those are in {@link #localOnly}), where it was read and when.
 *
 * @param position binlog file and position of the row's transaction: every row a transaction
 *        writes is read with the position where the transaction starts
 * @param eventInTransaction how many binlog events of the transaction came before the row's
 *        event (Debezium's count of events to skip on a restart, kept in its offsets, so the
 *        same when the change is read again)
 * @param rowIndex the row's index within its event
 * @param sequence not decreasing in binlog order, the same when the change is read again
 * @param capturedAtMicros when Debezium read it (epoch microseconds)
 * @param localOnly the {@code ip} row's owner, DNSBL list and note, which stay on the platform
 */
record CapturedRow(PlatformTable table, ChangeOperation op, PlatformRow row, BinlogPosition position,
        long eventInTransaction, int rowIndex, long sequence, long capturedAtMicros, Optional<LocalOwner> localOnly) {

    /** What an {@code ip} row carries that never leaves the platform (I5). */
    record LocalOwner(String address, String owner, String dnsbl, String note) {

        boolean empty() {
            return owner == null && dnsbl == null && note == null;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Unique for each row change and the same when it is read again: the master applies a change
     * once per event id, so two rows of one transaction must never share one.
     */
    String eventId(String platformId) {
        return platformId + ":" + position.file() + ":" + position.position() + ":" + eventInTransaction + ":" + rowIndex;
    }

    Instant capturedAt() {
        return Instant.ofEpochSecond(capturedAtMicros / 1_000_000, (capturedAtMicros % 1_000_000) * 1_000);
    }

    /** The change in a Debezium record, or empty for tombstones, heartbeats and schema changes. */
    static Optional<CapturedRow> of(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return Optional.empty();
        }
        Struct source = value.getStruct("source");
        PlatformTable table = table(source.getString("table"));
        if (table == null) {
            return Optional.empty();
        }
        String op = value.getString("op");
        ChangeOperation operation = switch (op) {
            case "c", "r" -> ChangeOperation.CREATE;
            case "u" -> ChangeOperation.UPDATE;
            case "d" -> ChangeOperation.DELETE;
            default -> null;
        };
        if (operation == null) {
            return Optional.empty();
        }
        Struct image = value.getStruct(operation == ChangeOperation.DELETE ? "before" : "after");
        if (table == PlatformTable.IP && !stored(image.getString("status"))) {
            // A row with another status is not an allocation: for the ledger it is a release.
            Struct before = value.getStruct("before");
            if (operation == ChangeOperation.CREATE || before == null || !stored(before.getString("status"))) {
                return Optional.empty();
            }
            operation = ChangeOperation.DELETE;
            image = before;
        }
        BinlogPosition position = new BinlogPosition(source.getString("file"), source.getInt64("pos"));
        Integer row = source.getInt32("row");
        int rowIndex = row == null ? 0 : row;
        Object eventsBefore = record.sourceOffset().get("event");
        long eventInTransaction = eventsBefore instanceof Number n ? n.longValue() : 0;
        Field tsUs = value.schema().field("ts_us");
        long micros = tsUs != null && value.get(tsUs) != null ? value.getInt64("ts_us") : value.getInt64("ts_ms") * 1_000;
        Optional<LocalOwner> local = table == PlatformTable.IP
                ? Optional.of(new LocalOwner(image.getString("addr"), image.getString("owner"), image.getString("dnsbl"),
                        image.getString("note")))
                : Optional.empty();
        return Optional.of(new CapturedRow(table, operation, row(table, image), position, eventInTransaction, rowIndex,
                position.sequence(rowIndex), micros, local));
    }

    private static boolean stored(String status) {
        return "allocated".equals(status) || "reserved".equals(status);
    }

    private static PlatformTable table(String name) {
        for (PlatformTable table : PlatformTable.values()) {
            if (table.tableName().equals(name)) {
                return table;
            }
        }
        return null;
    }

    private static PlatformRow row(PlatformTable table, Struct s) {
        return switch (table) {
            case IPNET -> new NetworkRow(s.getInt64("id"), s.getString("name"), s.getString("addr"), s.getInt32("prefix"),
                    Optional.ofNullable(s.getString("gateway")), Optional.ofNullable(s.getInt32("vlan")),
                    locations(s.getString("locations")), Optional.ofNullable(s.getString("note")));
            case IPPOOL -> new PoolRow(s.getInt64("id"), s.getString("name"), locations(s.getString("locations")),
                    Optional.ofNullable(s.getString("note")));
            case IPPOOL_RANGE -> new PoolRangeRow(s.getInt64("id"), s.getInt64("ippool"),
                    Optional.ofNullable(s.getInt64("ipnet")), s.getString("start_addr"), s.getString("end_addr"));
            case IP -> new AddressRow(s.getInt64("id"), Optional.ofNullable(s.getInt64("ippool")), s.getString("addr"),
                    "reserved".equals(s.getString("status")) ? AddressStatus.RESERVED : AddressStatus.ALLOCATED);
        };
    }

    private static List<String> locations(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, new TypeReference<List<String>>() { });
    }
}
