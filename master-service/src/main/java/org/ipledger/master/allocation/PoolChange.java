package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.web.ApiException;

/**
 * The rules of taking, re-marking and releasing addresses of one pool, applied to its free-space
 * index and recorded as effects of the current batch. A rule that refuses leaves both untouched.
 */
final class PoolChange {

    private final FreeSpaceIndex index;
    private final PoolEffects effects;
    private final AddressStore store;
    /** Statuses written earlier in this batch, not yet visible in the database. */
    private final Map<IPAddress, AddressStatus> written;

    PoolChange(FreeSpaceIndex index, PoolEffects effects, AddressStore store) {
        this.index = index;
        this.effects = effects;
        this.store = store;
        this.written = effects.writtenStatuses();
    }

    AllocationResponse take(PoolOperation.Take take) {
        List<FreeSpaceIndex.Slot> slots = take.address().isPresent()
                ? List.of(claim(take.address().get()))
                : claimLowest(take.count());
        List<AllocationResponse.AllocatedAddress> taken = new ArrayList<>(slots.size());
        for (FreeSpaceIndex.Slot slot : slots) {
            effects.insert(slot.address(), slot.range().networkId(), take.status(), take.owner(), take.platformId(),
                    take.requestId());
            taken.add(new AllocationResponse.AllocatedAddress(slot.address().toCanonicalString(), take.status().json(),
                    index.poolId(), slot.range().networkId()));
        }
        return new AllocationResponse(taken);
    }

    AddressView changeStatus(PoolOperation.ChangeStatus change) {
        RangeSpace range = rangeOf(change.address());
        refuseService(range, change.address());
        if (!range.isUsed(change.address())) {
            range.markUsed(change.address());
            effects.insert(change.address(), range.networkId(), change.status(), Optional.empty(), change.platformId(),
                    change.requestId());
        } else if (currentStatus(change.address()) != change.status()) {
            effects.update(change.address(), range.networkId(), change.status(), change.platformId(), change.requestId());
        }
        return new AddressView(change.address().toCanonicalString(), change.status().json(), index.poolId(),
                range.networkId(), null, null);
    }

    void release(PoolOperation.Release release) {
        RangeSpace range = rangeOf(release.address());
        refuseService(range, release.address());
        if (range.isUsed(release.address())) {
            range.markFree(release.address());
            effects.delete(release.address(), range.networkId(), release.platformId(), release.requestId());
        }
    }

    long[] countStored(PoolOperation.CountStored count) {
        return index.storedPerBlock(count.networkId(), count.first(), count.blockBits(), count.blocks());
    }

    long countUsed() {
        return index.usedCount();
    }

    private FreeSpaceIndex.Slot claim(IPAddress address) {
        RangeSpace range = rangeOf(address);
        refuseService(range, address);
        if (range.isUsed(address)) {
            throw ApiException.conflict("address_taken", address.toCanonicalString() + " is already taken.",
                    Map.of("address", address.toCanonicalString()));
        }
        range.markUsed(address);
        return new FreeSpaceIndex.Slot(address, range);
    }

    /** Claims the lowest {@code count} free addresses, all or none. */
    private List<FreeSpaceIndex.Slot> claimLowest(int count) {
        List<FreeSpaceIndex.Slot> slots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Optional<FreeSpaceIndex.Slot> slot = index.lowestFree();
            if (slot.isEmpty()) {
                slots.forEach(s -> s.range().markFree(s.address()));
                throw ApiException.conflict("pool_exhausted", "Pool " + index.poolId() + " has "
                        + (slots.isEmpty() ? "no" : "only " + slots.size()) + " free address"
                        + (slots.size() == 1 ? "" : "es") + ", " + count + " requested.",
                        Map.of("poolId", index.poolId(), "requested", count, "free", slots.size()));
            }
            // Marked at once so the next lookup moves on; undone above if the request fails.
            slot.get().range().markUsed(slot.get().address());
            slots.add(slot.get());
        }
        return slots;
    }

    private RangeSpace rangeOf(IPAddress address) {
        return index.rangeOf(address).orElseThrow(() -> ApiException.conflict("address_not_in_pool",
                address.toCanonicalString() + " is not in a range of pool " + index.poolId() + ".",
                Map.of("address", address.toCanonicalString(), "poolId", index.poolId())));
    }

    private static void refuseService(RangeSpace range, IPAddress address) {
        if (range.isService(address)) {
            throw ApiException.conflict("service_address", address.toCanonicalString()
                    + " is a service address (network, broadcast or gateway) and is never allocated.",
                    Map.of("address", address.toCanonicalString()));
        }
    }

    private AddressStatus currentStatus(IPAddress address) {
        AddressStatus status = written.get(address);
        return status != null ? status : store.storedStatus(address).orElse(AddressStatus.FREE);
    }
}
