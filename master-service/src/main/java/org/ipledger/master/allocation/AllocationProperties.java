package org.ipledger.master.allocation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the allocation engine.
 *
 * @param maxCount the most addresses one request may take at once
 * @param maxBatchAddresses the most addresses one pool transaction handles; more requests wait
 *        for the next transaction
 * @param workers threads that run pool transactions; fewer workers make bigger shared transactions (2 suits 2 cores)
 * @param maxPoolsPerTransaction the most pools one transaction serves, when many have work
 * @param journalRetention how long a pool's change journal is kept for other instances to catch
 *        up; an instance further behind rebuilds its index from the address table
 */
@ConfigurationProperties("ipledger.allocation")
public record AllocationProperties(
        @DefaultValue("1024") int maxCount,
        @DefaultValue("2048") int maxBatchAddresses,
        @DefaultValue("2") int workers,
        @DefaultValue("32") int maxPoolsPerTransaction,
        @DefaultValue("1h") Duration journalRetention) {
}
