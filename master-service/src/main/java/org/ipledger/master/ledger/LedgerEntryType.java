package org.ipledger.master.ledger;

import java.util.Locale;

/** What a ledger entry records. */
public enum LedgerEntryType {
    NETWORK_CREATED, NETWORK_UPDATED, NETWORK_DELETED,
    POOL_CREATED, POOL_UPDATED, POOL_DELETED,
    RANGE_ADDED, RANGE_REMOVED,
    ADDRESS_ALLOCATED, ADDRESS_RESERVED, ADDRESS_RELEASED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The entry of an address newly stored or re-marked with the given status. */
    public static LedgerEntryType addressStored(String status) {
        return "reserved".equals(status) ? ADDRESS_RESERVED : ADDRESS_ALLOCATED;
    }
}
