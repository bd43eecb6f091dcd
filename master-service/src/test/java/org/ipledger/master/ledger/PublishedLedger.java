package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.LedgerDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ledger topic as a reader takes it, compared with the numbering in the database. */
public final class PublishedLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PublishedLedger() {
    }

    /**
     * Asserts that a reader keeping each seq the first time it comes gets every numbered entry in
     * seq order, and that every copy of a seq (a send that timed out, or that was not recorded
     * before a crash, comes again) carries the entry the database numbered with it.
     */
    public static void assertCarriesTheNumberedLedger(LedgerDatabase database) {
        assertThat(database.ledgerIsGapFree()).isTrue();
        Map<Long, String> numbered = new LinkedHashMap<>();
        database.jdbc().query("SELECT seq, type, entity_key, request_id, entity FROM ledger_entry ORDER BY seq",
                rs -> {
                    numbered.put(rs.getLong(1), String.join(" ", rs.getString(2), rs.getString(3),
                            String.valueOf(rs.getString(4)), JSON.readTree(rs.getString(5)).toString()));
                });

        List<ConsumerRecord<String, String>> records = LedgerTopicReader.readAll(database.topicPrefix() + "ledger",
                numbered.size());

        Map<Long, String> published = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode entry = JSON.readTree(record.value());
            long seq = entry.get("seq").asLong();
            String content = String.join(" ", entry.get("type").asString(), record.key(),
                    String.valueOf(text(entry.get("requestId"))), entry.get("entity").toString());
            String first = published.putIfAbsent(seq, content);
            assertThat(content).as("copy of seq %d", seq).isEqualTo(first == null ? content : first);
        }
        assertThat(published.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, numbered.size()).boxed().toList());
        List<String> different = numbered.entrySet().stream().filter(seq -> !seq.getValue().equals(published.get(seq.getKey())))
                .map(seq -> "seq " + seq.getKey() + " numbered as " + seq.getValue() + ", sent as " + published.get(seq.getKey()))
                .limit(3).toList();
        assertThat(different).isEmpty();
    }

    private static String text(JsonNode node) {
        return node.isNull() ? null : node.asString();
    }
}
