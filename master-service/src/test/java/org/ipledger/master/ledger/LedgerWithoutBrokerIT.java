package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.Loopback;
import org.ipledger.embedded.ScramUser;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.schemas.KafkaAccess;
import org.junit.jupiter.api.Test;

/** Numbering the ledger never waits for Kafka; publishing catches up, in order, once the broker is back. */
class LedgerWithoutBrokerIT {

    private static final ScramUser MASTER = new ScramUser("ipledger-master", "own-broker-password");

    @Test
    void changesCommittedWhileTheBrokerIsDownAreNumberedAtOnceAndPublishedInOrderWhenItIsBack() throws Exception {
        Path data = Files.createTempDirectory("ipledger-ledger-broker");
        int port = Loopback.freePort();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, true, port, MASTER);
        LedgerDatabase database = LedgerDatabase.fresh();
        // Consumers still rejoining the restarted broker at the end would hold up the shutdown for
        // the default 30 s.
        try (MasterInstance master = database.startMasterOn(access(broker),
                "spring.lifecycle.timeout-per-shutdown-phase=3s")) {
            RestFixture rest = new RestFixture(master.adminClient());
            long pool = rest.poolWithRange("10.96.0.0/24", "10.96.0.1", "10.96.0.99");
            assertThat(database.ledgerIsGapFree()).isTrue();

            broker.close();
            for (int i = 0; i < 5; i++) {
                rest.allocate(pool);
            }
            // The sequencer numbers without the broker; only publishing waits for it.
            assertThat(database.ledgerIsGapFree()).isTrue();

            broker = EmbeddedKafkaBroker.start(data, true, port, MASTER);
            long entries = database.count("SELECT COUNT(*) FROM ledger_outbox");
            List<ConsumerRecord<String, String>> records =
                    LedgerTopicReader.readAll(access(broker), database.topicPrefix() + "ledger", entries);

            // Sends that timed out may arrive too, before their re-sends: a reader keeps each seq
            // the first time it comes and must never meet a gap.
            long next = 1;
            for (ConsumerRecord<String, String> record : records) {
                long seq = seq(record);
                assertThat(seq).as("seq after %d", next - 1).isLessThanOrEqualTo(next);
                if (seq == next) {
                    next++;
                }
            }
            assertThat(next - 1).isEqualTo(entries);
        } finally {
            broker.close();
        }
    }

    private static long seq(ConsumerRecord<String, String> record) {
        return Long.parseLong(new String(record.headers().lastHeader("ipledger_seq").value(), StandardCharsets.UTF_8));
    }

    private static KafkaAccess access(EmbeddedKafkaBroker broker) {
        return KafkaAccess.loopback(broker.bootstrapServers(), MASTER.name(), MASTER.password());
    }
}
