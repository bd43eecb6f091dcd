package org.ipledger.agent.integration;

import org.ipledger.web.InstanceIdentity;
import org.springframework.stereotype.Component;

/**
 * What {@code GET /api/v1/info} says of this agent: that it is one, so that joining an agent to
 * another agent, or to itself, is refused.
 */
@Component
class AgentIdentity implements InstanceIdentity {

    private final IntegrationService integration;

    AgentIdentity(IntegrationService integration) {
        this.integration = integration;
    }

    @Override
    public String instanceId() {
        return integration.instanceId();
    }

    @Override
    public String role() {
        return AGENT;
    }
}
