package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.RecordChecks.optional;
import static org.ipledger.schemas.RecordChecks.required;

import java.util.Optional;
import org.ipledger.schemas.AddressStatus;

/**
 * An address; {@link AddressStatus#FREE} after a release. There is no field for an owner's name
 * (I5).
 *
 * @param platformId the platform that holds the address
 * @param ownerRef opaque reference to the owner, meaningful only to that platform
 */
public record AddressEntity(
        String address,
        AddressStatus status,
        Optional<Long> poolId,
        Optional<Long> networkId,
        Optional<String> platformId,
        Optional<String> ownerRef) implements LedgerEntity {

    public AddressEntity {
        required(address, "address");
        required(status, "status");
        poolId = optional(poolId);
        networkId = optional(networkId);
        platformId = optional(platformId);
        ownerRef = optional(ownerRef);
    }

    @Override
    public String key() {
        return "address:" + address;
    }
}
