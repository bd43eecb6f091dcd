package org.ipledger.schemas.ledger;

import static org.ipledger.schemas.RecordChecks.positive;
import static org.ipledger.schemas.RecordChecks.required;

/**
 * A range of a pool, inside one network.
 *
 * @param start first address
 * @param end last address, inclusive
 */
public record RangeEntity(long id, long poolId, long networkId, String start, String end) implements LedgerEntity {

    public RangeEntity {
        positive(id, "id");
        positive(poolId, "poolId");
        positive(networkId, "networkId");
        required(start, "start");
        required(end, "end");
    }

    @Override
    public String key() {
        return "range:" + id;
    }
}
