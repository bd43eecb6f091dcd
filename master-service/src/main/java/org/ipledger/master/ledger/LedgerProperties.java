package org.ipledger.master.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger.
 *
 * @param pollInterval how often the sequencer looks for entries committed by other instances
 *        (its own instance's commits wake it at once)
 * @param holeTimeout how long numbering waits for a missing outbox id before it treats the
 *        transaction as rolled back
 * @param batchSize the most entries numbered, or published, in one pass
 * @param sendTimeout how long the publisher waits for the broker to acknowledge a pass
 */
@ConfigurationProperties("ipledger.ledger")
public record LedgerProperties(
        @DefaultValue("20ms") Duration pollInterval,
        @DefaultValue("2s") Duration holeTimeout,
        @DefaultValue("2000") int batchSize,
        @DefaultValue("30s") Duration sendTimeout) {
}
