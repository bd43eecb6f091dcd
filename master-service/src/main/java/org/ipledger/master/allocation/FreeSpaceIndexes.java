package org.ipledger.master.allocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The free-space indexes of the pools this instance has served. An index is brought up to date
 * under the pool's lock: replayed from the pool's journal when another instance changed the pool,
 * rebuilt when the pool's ranges changed or the journal no longer reaches back far enough. Public
 * so that the benchmarks read a loaded index's size and lookup cost.
 */
@Component
public class FreeSpaceIndexes {

    private final Map<Long, FreeSpaceIndex> indexes = new ConcurrentHashMap<>();
    private final FreeSpaceIndexLoader loader;
    private final PoolJournal journal;

    FreeSpaceIndexes(FreeSpaceIndexLoader loader, PoolJournal journal) {
        this.loader = loader;
        this.journal = journal;
    }

    /** The pool's index as of the given committed state; call it holding the pool's lock. */
    FreeSpaceIndex synced(long poolId, PoolState state) {
        FreeSpaceIndex index = indexes.get(poolId);
        if (index == null || index.rangesVersion() != state.rangesVersion() || !catchUp(index, state)) {
            index = loader.load(poolId, state);
            indexes.put(poolId, index);
        }
        return index;
    }

    /** Forgets an index whose in-memory changes were rolled back. */
    void invalidate(long poolId) {
        indexes.remove(poolId);
    }

    /** The pool's index as last loaded, if this instance has served the pool; it may be behind the database. */
    public Optional<FreeSpaceIndex> cached(long poolId) {
        return Optional.ofNullable(indexes.get(poolId));
    }

    private boolean catchUp(FreeSpaceIndex index, PoolState state) {
        if (index.version() == state.version()) {
            return true;
        }
        List<PoolJournal.Change> changes = journal.since(index.poolId(), index.version());
        boolean complete = !changes.isEmpty()
                && changes.get(0).version() == index.version() + 1
                && changes.get(changes.size() - 1).version() == state.version();
        if (!complete) {
            return false;
        }
        changes.forEach(change -> index.apply(change.address(), change.used()));
        index.version(state.version());
        return true;
    }
}
