package org.ipledger.schemas;

import com.fasterxml.jackson.annotation.JsonValue;

/** Status of an address on the wire. Only allocated and reserved addresses are stored. */
public enum AddressStatus {
    ALLOCATED("allocated"),
    RESERVED("reserved"),
    /** Computed: what a released address becomes. */
    FREE("free");

    private final String wireName;

    AddressStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value, e.g. {@code allocated}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
