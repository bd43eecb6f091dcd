package org.ipledger.web;

import java.util.Set;

/**
 * The fields a {@link Patch} may change, by resource. Master and agent read a PATCH against the
 * same set, so neither accepts a field the other refuses.
 */
public final class PatchFields {

    /** {@code PATCH /api/v1/networks/{id}}. */
    public static final Set<String> NETWORK = Set.of("name", "gateway", "vlan", "locations", "note");
    /** {@code PATCH /api/v1/pools/{id}}. */
    public static final Set<String> POOL = Set.of("name", "locations", "note");
    /** {@code PATCH /api/v1/addresses/{address}}: the status, and a request id that makes a retry safe. */
    public static final Set<String> ADDRESS = Set.of("status", "requestId");
    /** {@code PATCH /api/v1/users/{email}}, master only. */
    public static final Set<String> USER = Set.of("roles", "disabled", "password");

    private PatchFields() {
    }
}
