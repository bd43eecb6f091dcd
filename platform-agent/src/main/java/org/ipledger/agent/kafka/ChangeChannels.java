package org.ipledger.agent.kafka;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ipledger.agent.AgentProperties;
import org.ipledger.agent.integration.MasterLink;
import org.springframework.stereotype.Component;

/**
 * The agent's one open {@link ChangeChannel}, shared by migration and capture so that their
 * records leave through one producer, in the order they were sent.
 */
@Component
public class ChangeChannels implements AutoCloseable {

    private final Counter unmatchedReceipts;
    private final Duration startWait;
    private ChangeChannel current;

    ChangeChannels(MeterRegistry meters, AgentProperties properties) {
        this.startWait = properties.agent().capture().startWait();
        this.unmatchedReceipts = Counter.builder("ipledger.agent.receipts.unmatched")
                .description("receipts on this platform's replies topic that match no change or chunk it sent; ignored")
                .register(meters);
    }

    /** The channel for this link, opened on first use; a different link replaces the old one. */
    public synchronized ChangeChannel open(MasterLink link) {
        if (current != null && !current.link().equals(link)) {
            current.close();
            current = null;
        }
        if (current == null) {
            current = ChangeChannel.open(link, unmatchedReceipts, startWait);
        }
        return current;
    }

    /** Closes the channel (detach, failure, shutdown). */
    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
