package org.ipledger.master.allocation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import inet.ipaddr.IPAddress;
import org.ipledger.master.pool.RangeRepository;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * The allocation engine's entry point: allocate, reserve and release addresses. Addresses inside
 * a pool range go through that pool's serialised, batched path; addresses of a network outside
 * any range are changed directly, guarded by the address table's primary key.
 */
@Service
public class AddressAllocator {

    private final PoolOperationQueue queue;
    private final RangeRepository ranges;
    private final NetworkAddresses networkAddresses;
    private final AllocationProperties properties;

    AddressAllocator(PoolOperationQueue queue, RangeRepository ranges, NetworkAddresses networkAddresses,
                     AllocationProperties properties) {
        this.queue = queue;
        this.ranges = ranges;
        this.networkAddresses = networkAddresses;
        this.properties = properties;
    }

    public Reply allocate(long poolId, AllocationRequest request, String platformId) {
        return join(allocateAsync(poolId, request, platformId));
    }

    /** Checks the request at once (throwing {@code ApiException}); the future completes after the commit. */
    public CompletableFuture<Reply> allocateAsync(long poolId, AllocationRequest request, String platformId) {
        String requestId = RequestIds.required(request.requestId());
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > properties.maxCount()) {
            throw ApiException.badRequest("count_out_of_range",
                    "count must be between 1 and " + properties.maxCount() + ", got " + count + ".");
        }
        Optional<IPAddress> address = Optional.ofNullable(request.address()).map(a -> AddressParser.address("address", a));
        if (address.isPresent() && count != 1) {
            throw ApiException.badRequest("invalid_request", "Give either address or count, not both.");
        }
        Optional<String> owner = Optional.ofNullable(request.owner());
        if (owner.filter(o -> o.length() > 255).isPresent()) {
            throw ApiException.badRequest("invalid_field", "owner must be at most 255 characters.");
        }
        return queue.submitAsync(new PoolOperation.Take(poolId, Optional.of(requestId), platformId, count, address,
                owner, AddressStatus.ALLOCATED));
    }

    public Reply changeStatus(IPAddress address, AddressStatus status, Optional<String> requestId, String platformId) {
        return join(changeStatusAsync(address, status, requestId, platformId));
    }

    public CompletableFuture<Reply> changeStatusAsync(IPAddress address, AddressStatus status, Optional<String> requestId,
                                                      String platformId) {
        requestId.ifPresent(RequestIds::valid);
        return ranges.containing(address)
                .map(range -> queue.submitAsync(new PoolOperation.ChangeStatus(range.poolId(), requestId, platformId,
                        address, status)))
                .orElseGet(() -> CompletableFuture.completedFuture(networkAddresses.changeStatus(address, status, platformId)));
    }

    /** Releases an address; releasing a free address succeeds and changes nothing. */
    public Reply release(IPAddress address, String platformId) {
        return join(releaseAsync(address, Optional.empty(), platformId));
    }

    public CompletableFuture<Reply> releaseAsync(IPAddress address, Optional<String> requestId, String platformId) {
        return ranges.containing(address)
                .map(range -> queue.submitAsync(new PoolOperation.Release(range.poolId(), requestId, platformId, address)))
                .orElseGet(() -> CompletableFuture.completedFuture(networkAddresses.release(address, platformId)));
    }

    /**
     * Runs {@code submissions} of asynchronous address operations (allocate, change status,
     * release) so that those of one pool share a transaction: an idle pool is handed to a worker
     * only once all are queued. Nothing inside may wait for the replies.
     */
    public <T> T together(Supplier<T> submissions) {
        return queue.together(submissions);
    }

    static Reply join(CompletableFuture<Reply> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
