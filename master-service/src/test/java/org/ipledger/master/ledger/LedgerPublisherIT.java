package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.MessageValidator;
import org.ipledger.schemas.SchemaNames;
import org.junit.jupiter.api.Test;

/** I3 on Kafka: the ledger topic carries every committed change once, in seq order, without gaps. */
class LedgerPublisherIT extends OneMaster {

    @Test
    void everyCommittedChangeArrivesOnTheLedgerTopicInSeqOrderWithoutGaps() {
        long pool = new RestFixture(api).poolWithRange("10.94.0.0/24", "10.94.0.1", "10.94.0.99");
        for (int i = 0; i < 20; i++) {
            new RestFixture(api).allocate(pool);
        }
        api.delete("/api/v1/addresses/10.94.0.5");
        assertThat(database.ledgerIsGapFree()).isTrue();
        long entries = database.count("SELECT COUNT(*) FROM ledger_outbox");

        List<ConsumerRecord<String, String>> records = LedgerTopicReader.readAll(database.topicPrefix() + "ledger", entries);

        assertThat(records).extracting(LedgerPublisherIT::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, entries).boxed().toList());
        assertThat(records).extracting(ConsumerRecord::key).contains("network:1", "pool:1", "address:10.94.0.5");
        MessageValidator validator = new MessageValidator();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(validator.validate(SchemaNames.LEDGER_ENTRY, record.value().getBytes(StandardCharsets.UTF_8)))
                    .as(record.value()).isEmpty();
            assertThat(record.headers().lastHeader("ce_type")).isNotNull();
            assertThat(record.headers().lastHeader("ce_specversion")).isNotNull();
        }
    }

    @Test
    void publishingResumesAfterARestartWithoutGapsOrReordering() {
        long pool = new RestFixture(api).poolWithRange("10.95.0.0/24", "10.95.0.1", "10.95.0.99");
        new RestFixture(api).allocate(pool);
        master.close();
        master = database.startMaster();
        api = master.adminClient();
        for (int i = 0; i < 5; i++) {
            new RestFixture(api).allocate(pool);
        }
        assertThat(database.ledgerIsGapFree()).isTrue();
        long entries = database.count("SELECT COUNT(*) FROM ledger_outbox");

        List<ConsumerRecord<String, String>> records = LedgerTopicReader.readAll(database.topicPrefix() + "ledger", entries);

        List<Long> seqs = records.stream().map(LedgerPublisherIT::seq).distinct().toList();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, entries).boxed().toList());
        assertThat(records.stream().map(LedgerPublisherIT::seq).toList()).isSorted();
    }

    private static long seq(ConsumerRecord<String, String> record) {
        return Long.parseLong(new String(record.headers().lastHeader("ipledger_seq").value(), StandardCharsets.UTF_8));
    }
}
