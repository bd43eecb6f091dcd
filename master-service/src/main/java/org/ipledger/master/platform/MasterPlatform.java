package org.ipledger.master.platform;

/** The master is itself a platform: what its own REST API creates is recorded as this platform's. */
public final class MasterPlatform {

    public static final String ID = "master";

    private MasterPlatform() {
    }
}
