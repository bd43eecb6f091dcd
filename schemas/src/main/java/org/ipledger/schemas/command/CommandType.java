package org.ipledger.schemas.command;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a command asks for: the value of its {@code type} field. */
public enum CommandType {
    CREATE_NETWORK("create_network"),
    UPDATE_NETWORK("update_network"),
    DELETE_NETWORK("delete_network"),
    CREATE_POOL("create_pool"),
    UPDATE_POOL("update_pool"),
    DELETE_POOL("delete_pool"),
    ADD_RANGE("add_range"),
    REMOVE_RANGE("remove_range"),
    ALLOCATE("allocate"),
    RESERVE("reserve"),
    RELEASE("release");

    private final String wireName;

    CommandType(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value of {@code type}, e.g. {@code create_network}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the command acts on addresses (keyed by pool id) rather than on structure. */
    public boolean addressCommand() {
        return this == ALLOCATE || this == RESERVE || this == RELEASE;
    }

    /** The CloudEvents {@code ce_type}, e.g. {@code org.ipledger.command.allocate.v1}. */
    public String cloudEventType() {
        return "org.ipledger.command." + wireName + ".v1";
    }

    /** The name of this type's own schema for the validator, e.g. {@code command/allocate.v1}. */
    public String schemaName() {
        return "command/" + wireName + ".v1";
    }
}
