package org.ipledger.agent.replica;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ipledger.agent.integration.Integration;
import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.agent.kafka.ChangeChannels;
import org.ipledger.schemas.change.PlatformStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the master, every few seconds, up to which ledger seq this platform's replica has
 * applied and where the integration stands, so {@code GET /api/v1/platforms} on the master shows
 * each platform's lag and state.
 */
@Component
class LagReport {

    private static final Logger log = LoggerFactory.getLogger(LagReport.class);

    private final Replica replica;
    private final ChangeChannels channels;
    private final IntegrationService integration;

    LagReport(Replica replica, ChangeChannels channels, IntegrationService integration) {
        this.replica = replica;
        this.channels = channels;
        this.integration = integration;
    }

    @Scheduled(fixedDelay = 5, initialDelay = 1, timeUnit = TimeUnit.SECONDS)
    void send() {
        Integration current = integration.current();
        if (!current.state().joined() || !replica.isLoaded()) {
            return;
        }
        MasterLink link = current.link().orElseThrow();
        PlatformStatus status = new PlatformStatus(UUID.randomUUID().toString(), link.platformId(), replica.appliedSeq(),
                Instant.now(), Optional.of(current.state().code()));
        channels.open(link).publisher().send(status).whenComplete((sent, failure) -> {
            if (failure != null) {
                log.debug("lag report not delivered: {}", failure.getMessage());
            }
        });
    }
}
