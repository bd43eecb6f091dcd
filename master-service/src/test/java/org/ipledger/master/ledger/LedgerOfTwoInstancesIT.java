package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.TwoMasters;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances number and publish the one ledger: each instance's publisher sends what its own
 * sequencer handed over and reads the rest from the database, and every seq reaches the topic with
 * the entry the database numbered it with.
 */
class LedgerOfTwoInstancesIT extends TwoMasters {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everySeqOnTheTopicCarriesTheEntryTheDatabaseNumberedWhicheverInstanceSentIt() throws Exception {
        long pool = new RestFixture(first.adminClient()).poolWithRange("10.96.0.0/24", "10.96.0.1", "10.96.0.250");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            MasterInstance instance = t % 2 == 0 ? first : second;
            work.add(threads.submit(() -> {
                RestFixture rest = new RestFixture(instance.adminClient());
                for (int i = 0; i < 40; i++) {
                    assertThat(rest.allocate(pool).status()).isEqualTo(201);
                }
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        threads.shutdown();
        assertThat(database.ledgerIsGapFree()).isTrue();
        Map<Long, String> numbered = new LinkedHashMap<>();
        database.jdbc().query("SELECT seq, type, entity_key, request_id, entity FROM ledger_entry ORDER BY seq",
                rs -> {
                    numbered.put(rs.getLong(1), String.join(" ", rs.getString(2), rs.getString(3), String.valueOf(rs.getString(4)),
                            JSON.readTree(rs.getString(5)).toString()));
                });

        List<ConsumerRecord<String, String>> records = LedgerTopicReader.readAll(database.topicPrefix() + "ledger",
                numbered.size());

        Map<Long, String> published = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode entry = JSON.readTree(record.value());
            String content = String.join(" ", entry.get("type").asString(), record.key(),
                    String.valueOf(text(entry.get("requestId"))), entry.get("entity").toString());
            // A send that timed out may arrive again: every copy carries the same entry.
            String first = published.putIfAbsent(entry.get("seq").asLong(), content);
            assertThat(content).as("seq %d sent again", entry.get("seq").asLong()).isEqualTo(first == null ? content : first);
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
