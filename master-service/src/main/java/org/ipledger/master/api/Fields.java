package org.ipledger.master.api;

import org.ipledger.web.ApiException;

/** Checks of the simple fields shared by several resources, each failing with the field's name. */
public final class Fields {

    private Fields() {
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("missing_field", "name is required.");
        }
        if (name.length() > 255) {
            throw ApiException.badRequest("invalid_field", "name must be at most 255 characters.");
        }
        return name.trim();
    }

    public static Integer vlan(Integer vlan) {
        if (vlan != null && (vlan < 1 || vlan > 4094)) {
            throw ApiException.badRequest("invalid_vlan", "vlan must be between 1 and 4094, got " + vlan + ".");
        }
        return vlan;
    }

    public static String note(String note) {
        if (note != null && note.length() > 65535) {
            throw ApiException.badRequest("invalid_field", "note must be at most 65535 characters.");
        }
        return note;
    }
}
