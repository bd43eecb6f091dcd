package org.ipledger.master.api;

import java.nio.charset.StandardCharsets;

import org.ipledger.web.ApiException;

/** Checks of the simple fields shared by several resources, each failing with the field's name. */
public final class Fields {

    private static final int MAX_NOTE_BYTES = 65_535;

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

    /** The column is a TEXT of 65,535 bytes, and a character takes up to four of them in UTF-8. */
    public static String note(String note) {
        if (note != null && note.length() > MAX_NOTE_BYTES / 4) {
            int bytes = note.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NOTE_BYTES) {
                throw ApiException.badRequest("invalid_field", "note must be at most " + MAX_NOTE_BYTES
                        + " bytes in UTF-8, got " + bytes + ".");
            }
        }
        return note;
    }
}
