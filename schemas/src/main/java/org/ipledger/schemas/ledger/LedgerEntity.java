package org.ipledger.schemas.ledger;

/** The entity a ledger entry is about, as the master's REST API shows it. */
public sealed interface LedgerEntity permits NetworkEntity, PoolEntity, RangeEntity, AddressEntity {

    /** The record key on the ledger topic, e.g. {@code network:12} or {@code address:10.0.0.5}. */
    String key();
}
