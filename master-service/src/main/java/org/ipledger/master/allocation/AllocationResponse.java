package org.ipledger.master.allocation;

import java.util.List;

/** The answer to an allocation: the addresses taken, in address order. */
public record AllocationResponse(List<AllocatedAddress> addresses) {

    /** One address taken by an allocation. */
    public record AllocatedAddress(String address, String status, long poolId, long networkId) {
    }
}
