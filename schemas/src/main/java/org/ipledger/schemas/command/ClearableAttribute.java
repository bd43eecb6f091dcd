package org.ipledger.schemas.command;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An optional attribute an update removes, listed in its {@code clear} field. Clearing is said
 * explicitly rather than by a null in {@code changes}, so that "absent" and "remove" cannot be
 * confused. Locations are not cleared but set to the empty list (all locations).
 */
public enum ClearableAttribute {
    /** A network's gateway. */
    GATEWAY("gateway"),
    /** A network's VLAN. */
    VLAN("vlan"),
    /** A network's or pool's note. */
    NOTE("note");

    private final String wireName;

    ClearableAttribute(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON value, e.g. {@code gateway}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
