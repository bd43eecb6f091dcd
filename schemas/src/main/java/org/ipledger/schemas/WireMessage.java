package org.ipledger.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A top-level message value on an ipledger topic. Every such value carries the version of its
 * schema; a reader ignores it and unknown fields, a writer always writes it.
 */
public interface WireMessage {

    /** The schema version of the messages this module writes. */
    int SCHEMA_VERSION = 1;

    /** The version of this message's schema, written as {@code schemaVersion}. */
    @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
