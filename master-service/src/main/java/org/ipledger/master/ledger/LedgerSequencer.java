package org.ipledger.master.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outbox entries their ledger sequence numbers: gap-free from 1, in outbox id
 * order. An id that is missing is a transaction between its insert and its commit, or one that
 * rolled back: numbering waits for it, for at most {@code ipledger.ledger.hole-timeout}, then goes
 * on without it. The position row is locked per pass, so any number of master instances may run
 * a sequencer and each entry is numbered once. What a pass numbered goes to this instance's
 * publisher once it is committed.
 */
@Component
public class LedgerSequencer extends PollingLoop {

    private static final Logger log = LoggerFactory.getLogger(LedgerSequencer.class);

    private final LedgerPositions positions;
    private final TransactionTemplate transaction;
    private final LedgerProperties properties;
    private final LedgerPublisher publisher;
    /** Missing outbox ids and when this instance first saw them missing. */
    private final Map<Long, Long> holes = new HashMap<>();

    LedgerSequencer(LedgerPositions positions, PlatformTransactionManager transactions, LedgerProperties properties,
                    LedgerPublisher publisher) {
        super("ledger-sequencer", properties.pollInterval(), properties.batchSize());
        this.positions = positions;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.publisher = publisher;
    }

    /** Numbers what is ready now; returns how many entries it numbered. */
    public int sequenceOnce() {
        // Read with their content only when the publisher will keep them: a migration numbers far ahead of it.
        boolean handOver = publisher.takesHandOver(properties.batchSize());
        Numbered numbered = transaction.execute(status -> {
            LedgerPositions.Position position = positions.lockPosition();
            List<LedgerPositions.OutboxEntry> entries = handOver
                    ? positions.unnumberedAfter(position.lastOutboxId(), properties.batchSize()) : List.of();
            List<Long> ids = handOver ? entries.stream().map(LedgerPositions.OutboxEntry::id).toList()
                    : positions.unnumberedIdsAfter(position.lastOutboxId(), properties.batchSize());
            List<Long> ready = new ArrayList<>();
            long expected = position.lastOutboxId() + 1;
            for (long id : ids) {
                if (id != expected && !holeTimedOut(expected, id)) {
                    break;
                }
                ready.add(id);
                expected = id + 1;
            }
            if (ready.isEmpty()) {
                return new Numbered(0, List.of());
            }
            long last = ready.get(ready.size() - 1);
            long firstSeq = position.lastSeq() + 1;
            positions.number(ready, firstSeq);
            positions.advance(last, position.lastSeq() + ready.size());
            holes.keySet().removeIf(id -> id <= last);
            List<LedgerPositions.NumberedEntry> handed = new ArrayList<>(handOver ? ready.size() : 0);
            for (int i = 0; handOver && i < ready.size(); i++) {
                handed.add(entries.get(i).numbered(firstSeq + i));
            }
            return new Numbered(ready.size(), handed);
        });
        if (numbered == null || numbered.count() == 0) {
            return 0;
        }
        publisher.handOver(numbered.entries());
        return numbered.count();
    }

    /** True when every id in {@code [from, to)} has been missing for longer than the hole timeout. */
    private boolean holeTimedOut(long from, long to) {
        long now = System.nanoTime();
        long timeout = properties.holeTimeout().toNanos();
        boolean expired = true;
        for (long id = from; id < to; id++) {
            long since = holes.computeIfAbsent(id, missing -> now);
            expired &= now - since >= timeout;
        }
        if (expired) {
            for (long id = from; id < to; id++) {
                holes.remove(id);
            }
            log.warn("ledger: outbox ids {}..{} never committed within {}; numbering goes on without them", from, to - 1,
                    properties.holeTimeout());
        }
        return expired;
    }

    @Override
    int pass() {
        return sequenceOnce();
    }

    /** What a pass numbered: how many, and the entries themselves when they were read for the publisher. */
    private record Numbered(int count, List<LedgerPositions.NumberedEntry> entries) {
    }
}
