package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.TwoMasters;
import org.junit.jupiter.api.Test;

/**
 * Two instances number and publish the one ledger: each instance's publisher sends what its own
 * sequencer handed over and reads the rest from the database, and every seq reaches the topic with
 * the entry the database numbered it with.
 */
class LedgerOfTwoInstancesIT extends TwoMasters {

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

        PublishedLedger.assertCarriesTheNumberedLedger(database);
    }
}
