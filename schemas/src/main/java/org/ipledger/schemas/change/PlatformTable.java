package org.ipledger.schemas.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** A platform table whose rows travel. */
public enum PlatformTable {
    IPNET("ipnet"),
    IPPOOL("ippool"),
    IPPOOL_RANGE("ippool_range"),
    IP("ip");

    private final String tableName;

    PlatformTable(String tableName) {
        this.tableName = tableName;
    }

    /** The table's name in the platform database, also its JSON value. */
    @JsonValue
    public String tableName() {
        return tableName;
    }
}
