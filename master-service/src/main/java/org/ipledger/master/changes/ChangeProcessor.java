package org.ipledger.master.changes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.change.AddressRow;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Processes a change event or migration chunk exactly once by its event id: the effect, its ledger
 * entries (attributed to the event id) and the receipt are committed together; a conflict rolls
 * the effect back and is recorded and counted instead, without holding up what follows. An event
 * seen before gets its stored receipt again, byte for byte.
 */
@Component
class ChangeProcessor {

    private static final Logger log = LoggerFactory.getLogger(ChangeProcessor.class);
    /** Most conflicts a receipt lists; the message names the first few. */
    static final int MAX_LISTED_CONFLICTS = 1000;
    private static final int MAX_NAMED_CONFLICTS = 10;

    private final TransactionTemplate transaction;
    private final ChangeLog changeLog;
    private final RowChanges rows;
    private final SpaceApplier applier;
    private final LedgerOutbox ledger;
    private final MeterRegistry meters;
    private final JsonMapper json;
    private final MessageSerializer serializer = new MessageSerializer();

    ChangeProcessor(PlatformTransactionManager transactions, ChangeLog changeLog, RowChanges rows, SpaceApplier applier,
                    LedgerOutbox ledger, MeterRegistry meters, JsonMapper json) {
        this.transaction = new TransactionTemplate(transactions);
        this.changeLog = changeLog;
        this.rows = rows;
        this.applier = applier;
        this.ledger = ledger;
        this.meters = meters;
        this.json = json;
    }

    /** The receipt's value (reply JSON); applies the message unless it was processed before. */
    byte[] process(ChangesMessage message) {
        try {
            return changeLog.receipt(ChangeLog.EventKey.of(message)).map(r -> r.getBytes(StandardCharsets.UTF_8))
                    .orElseGet(() -> apply(message));
        } catch (DuplicateKeyException e) {
            // Another instance processed it meanwhile, or a row appeared under us: the stored
            // receipt, or a second try that now sees the row and reports the conflict.
            log.info("change {} retried after {}", message.eventId(), e.getMessage());
            return changeLog.receipt(ChangeLog.EventKey.of(message)).map(r -> r.getBytes(StandardCharsets.UTF_8))
                    .orElseGet(() -> apply(message));
        }
    }

    /**
     * The receipts of these messages, in their order. Change events are applied together in one
     * transaction, so a burst of captured rows costs one commit rather than one each; if one of
     * them is refused (or raced by another instance), that transaction rolls back and each is
     * processed on its own, so a refusal holds up no other event and records only itself.
     */
    List<byte[]> processAll(List<ChangesMessage> messages) {
        if (messages.size() > 1) {
            try {
                return transaction.execute(status -> applyTogether(messages));
            } catch (ConflictsFound | ApiException | DuplicateKeyException e) {
                log.debug("{} changes applied one by one after {}", messages.size(), e.toString());
            }
        }
        return messages.stream().map(this::process).toList();
    }

    /** Applies the messages not processed before in the current transaction; their receipts are stored at the end. */
    private List<byte[]> applyTogether(List<ChangesMessage> messages) {
        Map<ChangeLog.EventKey, byte[]> receipts = new HashMap<>();
        changeLog.receipts(messages.stream().map(ChangeLog.EventKey::of).distinct().toList())
                .forEach((event, receipt) -> receipts.put(event, receipt.getBytes(StandardCharsets.UTF_8)));
        List<ChangeLog.Applied> applied = new ArrayList<>();
        List<byte[]> values = new ArrayList<>(messages.size());
        int next = 0;
        while (next < messages.size()) {
            List<ChangeEvent> addresses = addressRun(messages, next, receipts);
            if (addresses.size() > 1) {
                List<Map<String, Object>> results = rows.applyAddresses(addresses);
                for (int i = 0; i < addresses.size(); i++) {
                    ChangeEvent event = addresses.get(i);
                    values.add(keep(event, success(event.eventId(), results.get(i)), receipts, applied));
                }
                next += addresses.size();
                continue;
            }
            ChangesMessage message = messages.get(next++);
            byte[] value = receipts.get(ChangeLog.EventKey.of(message));
            values.add(value != null ? value : keep(message, applied(message), receipts, applied));
        }
        changeLog.storeApplied(applied);
        return values;
    }

    /** A receipt just made in this transaction: answered to repeats within it, stored at its end. */
    private static byte[] keep(ChangesMessage message, byte[] value, Map<ChangeLog.EventKey, byte[]> receipts,
                               List<ChangeLog.Applied> applied) {
        receipts.put(ChangeLog.EventKey.of(message), value);
        applied.add(new ChangeLog.Applied(message.eventId(), message.platformId(), kind(message),
                new String(value, StandardCharsets.UTF_8)));
        return value;
    }

    /**
     * The events from {@code from} on that write distinct addresses of one platform and were not
     * processed before: they are applied with one write of each kind, which a burst of captured
     * allocations needs to keep up.
     */
    private static List<ChangeEvent> addressRun(List<ChangesMessage> messages, int from,
                                                Map<ChangeLog.EventKey, byte[]> receipts) {
        List<ChangeEvent> run = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (int i = from; i < messages.size(); i++) {
            ChangesMessage message = messages.get(i);
            if (!RowChanges.isAddressWrite(message) || receipts.containsKey(ChangeLog.EventKey.of(message))
                    || !message.platformId().equals(messages.get(from).platformId())
                    || !addresses.add(((AddressRow) ((ChangeEvent) message).row()).address())) {
                break;
            }
            run.add((ChangeEvent) message);
        }
        return run;
    }

    private byte[] apply(ChangesMessage message) {
        try {
            return transaction.execute(status -> {
                byte[] value = applied(message);
                changeLog.store(message.eventId(), message.platformId(), kind(message), true, null, null,
                        new String(value, StandardCharsets.UTF_8));
                return value;
            });
        } catch (ConflictsFound e) {
            return refuse(message, e.conflicts());
        } catch (ApiException e) {
            return refuse(message, List.of(new Conflict(e.code(), localRow(message), null, e.getMessage())));
        }
    }

    /** Applies the message in the current transaction, its ledger entries attributed to its event id; the receipt. */
    private byte[] applied(ChangesMessage message) {
        ledger.attributeTo(message.eventId());
        return success(message.eventId(), result(message));
    }

    private byte[] success(String eventId, Object result) {
        return serializer.serialize(CommandReply.success(eventId, json.valueToTree(result)));
    }

    private Object result(ChangesMessage message) {
        if (message instanceof ChangeEvent event) {
            return rows.apply(event);
        }
        MigrationChunk chunk = (MigrationChunk) message;
        SpaceApplier.Applied applied = applier.apply(chunk.platformId(), chunk.eventId(), PlatformRows.of(chunk));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("migrationId", chunk.migrationId());
        result.put("chunkIndex", chunk.chunkIndex());
        result.put("chunkTotal", chunk.chunkTotal());
        result.put("networks", applied.networks());
        result.put("pools", applied.pools());
        result.put("ranges", applied.ranges());
        result.put("addresses", applied.addresses());
        result.put("merges", applied.merges());
        return result;
    }

    private byte[] refuse(ChangesMessage message, List<Conflict> conflicts) {
        String error = conflicts.get(0).kind();
        StringBuilder sentence = new StringBuilder();
        conflicts.stream().limit(MAX_NAMED_CONFLICTS).forEach(c -> sentence.append(sentence.isEmpty() ? "" : " ")
                .append(c.message()));
        if (conflicts.size() > MAX_NAMED_CONFLICTS) {
            sentence.append(" (").append(conflicts.size() - MAX_NAMED_CONFLICTS).append(" more conflicts.)");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conflictCount", conflicts.size());
        details.put("conflicts", conflicts.subList(0, Math.min(conflicts.size(), MAX_LISTED_CONFLICTS)));
        JsonNode detailsJson = json.valueToTree(details);
        byte[] value = serializer.serialize(CommandReply.failure(message.eventId(), error, sentence.toString(), detailsJson));
        transaction.executeWithoutResult(status -> changeLog.store(message.eventId(), message.platformId(),
                kind(message), false, error, sentence.toString(), new String(value, StandardCharsets.UTF_8)));
        Counter.builder("ipledger.change.conflicts").description("Change events and migration chunks refused")
                .tag("platform", message.platformId()).tag("error", error).register(meters).increment();
        log.warn("change {} of platform {} refused: {} {}", message.eventId(), message.platformId(), error, sentence);
        return value;
    }

    private static Map<String, Object> localRow(ChangesMessage message) {
        if (message instanceof ChangeEvent event) {
            return Conflict.row(event.table().tableName(), "id", event.row().id());
        }
        MigrationChunk chunk = (MigrationChunk) message;
        return Conflict.row("migration_chunk", "migrationId", chunk.migrationId(), "chunkIndex", chunk.chunkIndex());
    }

    private static String kind(ChangesMessage message) {
        return message instanceof MigrationChunk ? "migration_chunk" : "change";
    }
}
