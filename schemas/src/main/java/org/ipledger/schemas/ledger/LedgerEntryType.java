package org.ipledger.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a ledger entry records, and so which {@link LedgerEntity} it carries. */
public enum LedgerEntryType {
    NETWORK_CREATED("network_created", NetworkEntity.class),
    NETWORK_UPDATED("network_updated", NetworkEntity.class),
    NETWORK_DELETED("network_deleted", NetworkEntity.class),
    POOL_CREATED("pool_created", PoolEntity.class),
    POOL_UPDATED("pool_updated", PoolEntity.class),
    POOL_DELETED("pool_deleted", PoolEntity.class),
    RANGE_ADDED("range_added", RangeEntity.class),
    RANGE_REMOVED("range_removed", RangeEntity.class),
    ADDRESS_ALLOCATED("address_allocated", AddressEntity.class),
    ADDRESS_RESERVED("address_reserved", AddressEntity.class),
    ADDRESS_RELEASED("address_released", AddressEntity.class);

    private final String wireName;
    private final Class<? extends LedgerEntity> entityType;

    LedgerEntryType(String wireName, Class<? extends LedgerEntity> entityType) {
        this.wireName = wireName;
        this.entityType = entityType;
    }

    /** The JSON value of {@code type}, e.g. {@code address_allocated}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The class of the entity an entry of this type carries. */
    public Class<? extends LedgerEntity> entityType() {
        return entityType;
    }

    /** The CloudEvents {@code ce_type}, e.g. {@code org.ipledger.ledger.address_allocated.v1}. */
    public String cloudEventType() {
        return "org.ipledger.ledger." + wireName + ".v1";
    }
}
