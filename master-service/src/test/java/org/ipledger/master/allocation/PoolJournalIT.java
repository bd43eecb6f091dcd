package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.flywaydb.core.Flyway;
import org.ipledger.addressing.AddressKey;
import org.ipledger.master.LedgerDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool version's packed journal entries come back as written: every address, its change, its order. */
class PoolJournalIT {

    private final LedgerDatabase database = LedgerDatabase.fresh();
    private final PoolJournal journal = new PoolJournal(database.jdbc());

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(database.jdbc().getDataSource()).load().migrate();
    }

    @Test
    void aVersionWithMoreChangesThanOneRowHoldsComesBackWholeAndInOrder() {
        List<IPAddress> addresses = new ArrayList<>();
        for (int i = 0; i < PoolJournal.ENTRIES_PER_ROW + 5; i++) {
            addresses.add(address(i % 2 == 0 ? "10.1." + (i / 256) + "." + (i % 256) : "2001:db8::" + Integer.toHexString(i)));
        }
        List<PoolJournal.Entry> entries = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            entries.add(new PoolJournal.Entry(AddressKey.of(addresses.get(i)), i % 3 != 0));
        }

        journal.write(List.of(new PoolJournal.Version(7, 1, entries)));

        List<PoolJournal.Change> changes = journal.since(7, 0);
        assertThat(changes).extracting(PoolJournal.Change::address).containsExactlyElementsOf(addresses);
        assertThat(changes).extracting(PoolJournal.Change::used)
                .containsExactlyElementsOf(entries.stream().map(PoolJournal.Entry::used).toList());
        assertThat(changes).extracting(PoolJournal.Change::version).containsOnly(1L);
        assertThat(database.count("SELECT COUNT(*) FROM ippool_journal WHERE ippool = 7")).isEqualTo(2);
    }

    @Test
    void onlyTheVersionsAfterTheGivenOneOfThatPoolComeBackInVersionOrder() {
        journal.write(List.of(
                new PoolJournal.Version(7, 1, List.of(entry("10.0.0.1", true))),
                new PoolJournal.Version(8, 1, List.of(entry("10.8.0.1", true)))));
        journal.write(List.of(new PoolJournal.Version(7, 3, List.of(entry("10.0.0.3", true), entry("10.0.0.1", false)))));
        journal.write(List.of(new PoolJournal.Version(7, 2, List.of(entry("10.0.0.2", true)))));

        assertThat(journal.since(7, 1)).extracting(c -> c.version() + " " + c.address() + " " + c.used())
                .containsExactly("2 10.0.0.2 true", "3 10.0.0.3 true", "3 10.0.0.1 false");
        assertThat(journal.since(7, 3)).isEmpty();
    }

    @Test
    void anIndexBehindAnotherInstancesCommitsIsCaughtUpFromTheJournalNotReloaded() {
        AtomicInteger loads = new AtomicInteger();
        FreeSpaceIndexLoader loader = new FreeSpaceIndexLoader(database.jdbc()) {
            @Override
            FreeSpaceIndex load(long poolId, PoolState state) {
                loads.incrementAndGet();
                RangeSpace range = new RangeSpace(1, 1, address("10.0.0.1"), address("10.0.0.9"));
                return new FreeSpaceIndex(poolId, List.of(range), state.version(), state.rangesVersion());
            }
        };
        FreeSpaceIndexes indexes = new FreeSpaceIndexes(loader, journal);
        FreeSpaceIndex index = indexes.synced(7, new PoolState(1, 1));
        // Another instance takes 10.0.0.1 and 10.0.0.2, then frees 10.0.0.1.
        journal.write(List.of(new PoolJournal.Version(7, 2, List.of(entry("10.0.0.1", true), entry("10.0.0.2", true)))));
        journal.write(List.of(new PoolJournal.Version(7, 3, List.of(entry("10.0.0.1", false)))));

        assertThat(indexes.synced(7, new PoolState(3, 1))).isSameAs(index);
        assertThat(loads).hasValue(1);
        assertThat(index.version()).isEqualTo(3);
        assertThat(index.usedCount()).isEqualTo(1);
        assertThat(index.lowestFree()).map(FreeSpaceIndex.Slot::address).contains(address("10.0.0.1"));
    }

    private static PoolJournal.Entry entry(String address, boolean used) {
        return new PoolJournal.Entry(AddressKey.of(address(address)), used);
    }

    private static IPAddress address(String text) {
        return new IPAddressString(text).getAddress();
    }
}
