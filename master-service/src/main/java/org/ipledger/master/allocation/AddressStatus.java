package org.ipledger.master.allocation;

import java.util.Arrays;
import java.util.Locale;

import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.web.ApiException;

/**
 * The status of an address. Only {@code allocated} and {@code reserved} are stored; {@code free}
 * and {@code service} (network, broadcast, gateway) are computed.
 */
public enum AddressStatus {
    ALLOCATED, RESERVED, FREE, SERVICE;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ledger entry of an address that takes this status; FREE means it was released. */
    public LedgerEntryType ledgerType() {
        return switch (this) {
            case ALLOCATED -> LedgerEntryType.ADDRESS_ALLOCATED;
            case RESERVED -> LedgerEntryType.ADDRESS_RESERVED;
            case FREE -> LedgerEntryType.ADDRESS_RELEASED;
            case SERVICE -> throw new IllegalStateException("service addresses are never stored");
        };
    }

    @Override
    public String toString() {
        return json();
    }

    /** Parses a status that a client may store: allocated or reserved. */
    public static AddressStatus storable(String text) {
        return Arrays.stream(new AddressStatus[] {ALLOCATED, RESERVED})
                .filter(s -> s.json().equals(text))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_status",
                        "status must be 'allocated' or 'reserved', got '" + text + "'."));
    }
}
