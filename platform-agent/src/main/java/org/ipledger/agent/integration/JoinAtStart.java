package org.ipledger.agent.integration;

import java.time.Duration;
import java.util.Set;

import org.ipledger.agent.AgentProperties;
import org.ipledger.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Joins at start when {@code ipledger.agent.join.*} is configured and the platform has not
 * joined yet, as a deployment (docker-compose) does it. While the master is not up yet the join
 * is retried; any other refusal leaves the integration failed with its reason, as a join by hand.
 */
@Component
class JoinAtStart {

    private static final Logger log = LoggerFactory.getLogger(JoinAtStart.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    /** Refusals that pass once the master has started. */
    private static final Set<String> TRANSIENT = Set.of("master_unreachable", "master_timeout", "master_error");

    private final IntegrationService integration;
    private final AgentProperties.Join join;

    JoinAtStart(IntegrationService integration, AgentProperties properties) {
        this.integration = integration;
        this.join = properties.agent().join();
    }

    /** After the integration has resumed its stored state. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    void joinIfConfigured() {
        if (join.masterUrl().isBlank() || integration.current().state() != IntegrationState.UNCONFIGURED) {
            return;
        }
        Thread joiner = new Thread(this::joinUntilTheMasterAnswers, "join-at-start");
        joiner.setDaemon(true);
        joiner.start();
    }

    private void joinUntilTheMasterAnswers() {
        JoinRequest request = new JoinRequest(join.masterUrl(), join.email(), join.password());
        while (true) {
            try {
                integration.join(request);
                return;
            } catch (ApiException e) {
                if (!TRANSIENT.contains(e.code())) {
                    return;
                }
                log.info("the master at {} does not answer yet ({}); joining again in {} s", join.masterUrl(), e.code(),
                        RETRY.toSeconds());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** Waits before the next attempt; false when the agent is shutting down. */
    private static boolean pause() {
        try {
            Thread.sleep(RETRY.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
