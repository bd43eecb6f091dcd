package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.ipledger.master.LedgerDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entries numbered as runs of outbox ids are read back by seq, across runs and from inside one. */
class LedgerRunsIT {

    private final LedgerDatabase database = LedgerDatabase.fresh();
    private final LedgerPositions positions = new LedgerPositions(database.jdbc());

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(database.jdbc().getDataSource()).load().migrate();
        for (int i = 1; i <= 7; i++) {
            database.jdbc().update("INSERT INTO ledger_outbox (type, entity_key, platform_id, committed_at, entity) "
                    + "VALUES ('address_allocated', ?, 'master', UTC_TIMESTAMP(6), '{}')", "address:" + i);
        }
    }

    @Test
    void entriesOfSeveralRunsComeBackInSeqOrderWhereverABatchStartsAndEnds() {
        // Outbox id 4 never committed (a hole given up on): ids 1-3 and 5-7 are two runs.
        database.jdbc().update("DELETE FROM ledger_outbox WHERE id = 4");
        positions.number(List.of(1L, 2L, 3L, 5L, 6L, 7L), 1);

        assertThat(seqAndKeys(0, 10)).containsExactly("1 address:1", "2 address:2", "3 address:3", "4 address:5",
                "5 address:6", "6 address:7");
        assertThat(seqAndKeys(0, 2)).containsExactly("1 address:1", "2 address:2");
        assertThat(seqAndKeys(2, 2)).containsExactly("3 address:3", "4 address:5");
        assertThat(seqAndKeys(4, 1)).containsExactly("5 address:6");
        assertThat(seqAndKeys(6, 10)).isEmpty();
        assertThat(database.jdbc().queryForList("SELECT seq FROM ledger_entry ORDER BY seq", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aLaterPassContinuesTheNumbering() {
        positions.number(List.of(1L, 2L, 3L), 1);
        positions.number(List.of(4L, 5L), 4);

        assertThat(seqAndKeys(3, 10)).containsExactly("4 address:4", "5 address:5");
    }

    @Test
    void aRunThatDoesNotFollowWhatWasReadIsLeftForTheNextPass() {
        // What the publisher's second read may see when the sequencer committed two passes
        // between its reads: the run holding seq 4 was missed by the first read.
        positions.number(List.of(1L, 2L, 3L), 1);
        database.jdbc().update("INSERT INTO ledger_run (first_seq, first_outbox_id, last_outbox_id) VALUES (5, 5, 7)");

        assertThat(seqAndKeys(0, 10)).containsExactly("1 address:1", "2 address:2", "3 address:3");
        assertThat(seqAndKeys(3, 10)).isEmpty();
    }

    private List<String> seqAndKeys(long after, int limit) {
        return positions.numberedAfter(after, limit).stream().map(e -> e.seq() + " " + e.entityKey()).toList();
    }
}
