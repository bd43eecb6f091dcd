package org.ipledger.agent.integration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/info}: an agent says it is one, so that joining an agent to another agent,
 * or to itself, is refused.
 */
@RestController
class InfoController {

    private final IntegrationService integration;
    private final String version;

    InfoController(IntegrationService integration, ObjectProvider<BuildProperties> build) {
        this.integration = integration;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/api/v1/info")
    Info info() {
        return new Info(integration.instanceId(), "agent", version);
    }

    record Info(String instanceId, String role, String version) {
    }
}
