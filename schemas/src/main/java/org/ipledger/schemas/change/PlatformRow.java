package org.ipledger.schemas.change;

/** A row of one of the platform tables, as it travels. */
public sealed interface PlatformRow permits NetworkRow, PoolRow, PoolRangeRow, AddressRow {

    /** The row's primary key in the platform database. */
    long id();

    /** The table the row belongs to. */
    PlatformTable table();
}
