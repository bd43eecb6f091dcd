package org.ipledger.master.pool;

import java.util.Map;
import java.util.Optional;

import org.ipledger.master.api.Fields;
import org.ipledger.master.api.Locations;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.master.structure.StructureLock;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.ipledger.web.Patch;
import org.ipledger.web.PatchFields;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pools: named sets of ranges that addresses are allocated from. */
@Service
public class PoolService {

    private final PoolRepository pools;
    private final RangeRepository ranges;
    private final StructureLock lock;
    private final LedgerOutbox ledger;

    PoolService(PoolRepository pools, RangeRepository ranges, StructureLock lock, LedgerOutbox ledger) {
        this.pools = pools;
        this.ranges = ranges;
        this.lock = lock;
        this.ledger = ledger;
    }

    @Transactional
    public Pool create(PoolRequest request, String platformId) {
        long id = pools.insert(Fields.name(request.name()), Locations.valid(request.locations()),
                Fields.note(request.note()), platformId);
        Pool pool = get(id);
        ledger.append(LedgerEntryType.POOL_CREATED, EntityKeys.pool(id), platformId, Optional.empty(), pool);
        return pool;
    }

    public Pool get(long id) {
        return pools.find(id).orElseThrow(() -> notFound(id));
    }

    public Page<Pool> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return Page.of(pools.page(Page.idCursor(cursor), size + 1), size, p -> Long.toString(p.id()));
    }

    @Transactional
    public Pool update(long id, Map<String, Object> body, String platformId) {
        Patch patch = new Patch(body, PatchFields.POOL);
        Pool current = get(id);
        Pool changed = new Pool(id, Fields.name(patch.string("name", current.name())),
                Locations.valid(patch.strings("locations", current.locations())),
                Fields.note(patch.string("note", current.note())), current.platformId());
        pools.update(changed);
        ledger.append(LedgerEntryType.POOL_UPDATED, EntityKeys.pool(id), platformId, Optional.empty(), changed);
        return changed;
    }

    /** Deletes a pool and its ranges; refused while any of its addresses is allocated or reserved. */
    @Transactional
    public void delete(long id, String platformId) {
        lock.acquire();
        Pool pool = pools.lock(id).orElseThrow(() -> notFound(id));
        if (pools.hasAddresses(id)) {
            throw ApiException.conflict("pool_in_use",
                    "Pool " + id + " still has allocated or reserved addresses; release them first.");
        }
        for (Range range : ranges.all(id)) {
            ledger.append(LedgerEntryType.RANGE_REMOVED, EntityKeys.range(range.id()), platformId, Optional.empty(), range);
        }
        pools.delete(id);
        ledger.append(LedgerEntryType.POOL_DELETED, EntityKeys.pool(id), platformId, Optional.empty(), pool);
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("pool_not_found", "Pool " + id + " does not exist.");
    }
}
