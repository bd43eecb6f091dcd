package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class HandedOverEntriesTests {

    private final HandedOverEntries handedOver = new HandedOverEntries(6);

    @Test
    void entriesFromTheNextSeqToPublishOnAreGivenUpToTheLimit() {
        handedOver.add(entries(1, 3));
        handedOver.add(entries(4, 5));

        assertThat(seqs(handedOver.after(0, 10))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seqs(handedOver.after(2, 2))).containsExactly(3L, 4L);
    }

    @Test
    void aPassThatFailedFindsItsEntriesAgain() {
        handedOver.add(entries(1, 3));

        assertThat(seqs(handedOver.after(0, 10))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(handedOver.after(0, 10))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void nothingIsGivenWhenTheNextSeqToPublishIsNotHere() {
        handedOver.add(entries(4, 5));

        // Seqs 1-3 were numbered by another instance, or before there was room: read from the database.
        assertThat(handedOver.after(0, 10)).isEmpty();
        assertThat(seqs(handedOver.after(3, 10))).containsExactly(4L, 5L);
    }

    @Test
    void publishedEntriesAreDropped() {
        handedOver.add(entries(1, 4));
        handedOver.after(4, 10);

        assertThat(handedOver.hasRoomFor(6)).isTrue();
    }

    @Test
    void entriesThatDoNotFollowTheKeptOnesReplaceThem() {
        handedOver.add(entries(1, 2));
        // Another instance numbered 3-4.
        handedOver.add(entries(5, 6));

        assertThat(handedOver.after(0, 10)).isEmpty();
        assertThat(seqs(handedOver.after(4, 10))).containsExactly(5L, 6L);
    }

    @Test
    void aPassThatWouldExceedTheCapacityIsNotKept() {
        handedOver.add(entries(1, 4));

        assertThat(handedOver.hasRoomFor(3)).isFalse();
        handedOver.add(entries(5, 7));

        assertThat(seqs(handedOver.after(0, 10))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(handedOver.after(4, 10)).isEmpty();
    }

    private static List<LedgerPositions.NumberedEntry> entries(long firstSeq, long lastSeq) {
        return LongStream.rangeClosed(firstSeq, lastSeq).mapToObj(seq -> new LedgerPositions.NumberedEntry(seq,
                "address_allocated", "address:" + seq, "master", null, Instant.EPOCH, "{}")).toList();
    }

    private static List<Long> seqs(List<LedgerPositions.NumberedEntry> entries) {
        return entries.stream().map(LedgerPositions.NumberedEntry::seq).toList();
    }
}
