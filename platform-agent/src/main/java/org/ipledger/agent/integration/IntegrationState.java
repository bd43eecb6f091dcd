package org.ipledger.agent.integration;

import java.util.Locale;

/** Where the integration with the master stands (docs/design.md, REST API). */
public enum IntegrationState {
    UNCONFIGURED, CONNECTING, MIGRATING, ACTIVE, DRAINING, FAILED;

    /** As written in JSON and in the state table. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static IntegrationState ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** Whether the platform has joined: it has a platform id, a secret and Kafka settings. */
    public boolean joined() {
        return this == MIGRATING || this == ACTIVE || this == DRAINING;
    }
}
