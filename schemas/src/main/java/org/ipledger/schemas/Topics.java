package org.ipledger.schemas;

import java.util.Objects;

/**
 * Names of the ipledger topics under one prefix (default {@code ipledger.}), and the fixed keys.
 *
 * @param prefix prepended to every topic name, e.g. {@code ipledger.}
 */
public record Topics(String prefix) {

    /** The prefix when none is configured. */
    public static final String DEFAULT_PREFIX = "ipledger.";

    /** Key of network, pool and range commands on the commands topic: one partition orders them. */
    public static final String STRUCTURE_KEY = "structure";

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Topics under {@link #DEFAULT_PREFIX}. */
    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Change events and migration chunks, keyed by platform id. */
    public String changes() {
        return prefix + "changes";
    }

    /** Commands, keyed by pool id (address commands) or {@link #STRUCTURE_KEY}. */
    public String commands() {
        return prefix + "commands";
    }

    /** Replies for one platform, keyed by correlation id. */
    public String replies(String platformId) {
        return prefix + "replies." + Objects.requireNonNull(platformId, "platformId");
    }

    /** Committed changes with their gap-free {@code seq}; one partition, keyed by entity key. */
    public String ledger() {
        return prefix + "ledger";
    }

    /** Records that could not be parsed, validated or verified, with the reason in headers. */
    public String deadLetters() {
        return prefix + "dlq";
    }
}
