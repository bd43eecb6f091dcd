package org.ipledger.schemas.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a captured row. Debezium's snapshot reads ({@code r}) travel as creates. */
public enum ChangeOperation {
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete");

    private final String wireName;

    ChangeOperation(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value of {@code op}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
