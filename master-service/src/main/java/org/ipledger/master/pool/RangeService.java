package org.ipledger.master.pool;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkRepository;
import org.ipledger.master.structure.StructureLock;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pool ranges, with the rules of I2: a range lies inside exactly one network and overlaps no
 * other range.
 */
@Service
public class RangeService {

    /** The free-space index addresses a range by 64-bit offsets: a /64 is the largest range. */
    private static final BigInteger MAX_SIZE = BigInteger.ONE.shiftLeft(64);

    private final PoolRepository pools;
    private final RangeRepository ranges;
    private final NetworkRepository networks;
    private final StructureLock lock;
    private final LedgerOutbox ledger;

    RangeService(PoolRepository pools, RangeRepository ranges, NetworkRepository networks, StructureLock lock,
                 LedgerOutbox ledger) {
        this.pools = pools;
        this.ranges = ranges;
        this.networks = networks;
        this.lock = lock;
        this.ledger = ledger;
    }

    @Transactional
    public Range add(long poolId, RangeRequest request, String platformId) {
        IPAddress[] bounds = bounds(request);
        IPAddress start = bounds[0];
        IPAddress end = bounds[1];
        lock.acquire();
        pools.lock(poolId).orElseThrow(() -> PoolService.notFound(poolId));
        Network network = networkHolding(start, end);
        ranges.overlapping(start, end).ifPresent(other -> {
            throw ApiException.conflict("range_overlap", "Range " + start + "-" + end + " overlaps range " + other.start()
                    + "-" + other.end() + " (id " + other.id() + ", pool " + other.poolId() + ").",
                    Map.of("conflictingRangeId", other.id(), "conflictingPoolId", other.poolId()));
        });
        long id = ranges.insert(poolId, network.id(), start, end, platformId);
        pools.touchRanges(poolId);
        Range range = ranges.find(poolId, id).orElseThrow();
        ledger.append(LedgerEntryType.RANGE_ADDED, EntityKeys.range(id), platformId, Optional.empty(), range);
        return range;
    }

    public Page<Range> list(long poolId, String cursor, Integer limit) {
        pools.find(poolId).orElseThrow(() -> PoolService.notFound(poolId));
        int size = Page.limit(limit);
        return Page.of(ranges.page(poolId, Page.idCursor(cursor), size + 1), size, r -> Long.toString(r.id()));
    }

    /** Removes a range; refused while any address inside it is allocated or reserved. */
    @Transactional
    public void remove(long poolId, long rangeId, String platformId) {
        lock.acquire();
        pools.lock(poolId).orElseThrow(() -> PoolService.notFound(poolId));
        Range range = ranges.find(poolId, rangeId).orElseThrow(() -> ApiException.notFound("range_not_found",
                "Pool " + poolId + " has no range " + rangeId + "."));
        if (ranges.hasAddresses(range)) {
            throw ApiException.conflict("range_in_use", "Range " + rangeId
                    + " still has allocated or reserved addresses; release them first.");
        }
        ranges.delete(rangeId);
        pools.touchRanges(poolId);
        ledger.append(LedgerEntryType.RANGE_REMOVED, EntityKeys.range(rangeId), platformId, Optional.empty(), range);
    }

    private static IPAddress[] bounds(RangeRequest request) {
        boolean byCidr = request.cidr() != null;
        if (byCidr == (request.start() != null || request.end() != null)) {
            throw ApiException.badRequest("invalid_range", "Give either start and end, or cidr.");
        }
        if (byCidr) {
            IPAddress block = AddressParser.network("cidr", request.cidr());
            return checkedSize(block.getLower().withoutPrefixLength(), block.getUpper().withoutPrefixLength());
        }
        IPAddress start = AddressParser.address("start", request.start());
        IPAddress end = AddressParser.address("end", request.end());
        if (start.isIPv4() != end.isIPv4()) {
            throw ApiException.badRequest("mixed_address_families",
                    "start " + start + " and end " + end + " are of different address families.");
        }
        if (start.compareTo(end) > 0) {
            throw ApiException.badRequest("range_reversed", "start " + start + " is after end " + end + ".");
        }
        return checkedSize(start, end);
    }

    private static IPAddress[] checkedSize(IPAddress start, IPAddress end) {
        BigInteger size = AddressKey.value(end).subtract(AddressKey.value(start)).add(BigInteger.ONE);
        if (size.compareTo(MAX_SIZE) > 0) {
            throw ApiException.badRequest("range_too_large",
                    "Range " + start + "-" + end + " has " + size + " addresses; a range holds at most a /64 (2^64).");
        }
        return new IPAddress[] {start, end};
    }

    private Network networkHolding(IPAddress start, IPAddress end) {
        Network network = networks.containing(start).orElseThrow(() -> outside(start, end));
        if (!network.block().contains(end)) {
            networks.containing(end).ifPresent(other -> {
                throw ApiException.badRequest("range_spans_networks", "Range " + start + "-" + end + " spans networks "
                        + network.cidr() + " and " + other.cidr() + "; a range must lie inside one network.");
            });
            throw outside(start, end);
        }
        return network;
    }

    private static ApiException outside(IPAddress start, IPAddress end) {
        return ApiException.badRequest("range_outside_network",
                "Range " + start + "-" + end + " does not lie inside a network; create the network first.");
    }
}
