package org.ipledger.web;

/** The roles a bearer token carries, as the master stores them and the agent remembers them. */
public final class RoleNames {

    /** Changes the address space and manages users. */
    public static final String ADMIN = "@admin";
    /** Held by a platform's own token (never by a user): reads, and its own preflight and conflicts. */
    public static final String PLATFORM = "@platform";

    private RoleNames() {
    }

    /** The authority that names one platform, held by that platform's token. */
    public static String platform(String platformId) {
        return PLATFORM + ":" + platformId;
    }
}
