package org.ipledger.agent.integration;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/integration}: join, preflight, drain and the state of the integration. */
@RestController
@RequestMapping("/api/v1/integration")
class IntegrationController {

    private final IntegrationService integration;

    IntegrationController(IntegrationService integration) {
        this.integration = integration;
    }

    @GetMapping
    IntegrationStatus status() {
        return IntegrationStatus.of(integration.current(), integration.progress());
    }

    /** Joins and starts the migration; 202 because the migration goes on after the answer. */
    @PutMapping
    ResponseEntity<IntegrationStatus> join(@RequestBody JoinRequest request) {
        Integration joined = integration.join(request);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(IntegrationStatus.of(joined, integration.progress()));
    }

    @PostMapping("/preflight")
    JsonNode preflight(@RequestBody JoinRequest request) {
        return integration.preflight(request);
    }

    /**
     * Detach: the platform gets its address space back in its local tables, and the master, told
     * with the platform's own token, revokes the platform's credentials.
     */
    @DeleteMapping
    AddressSpaceReturn.Returned detach() {
        return integration.detach();
    }

    @PostMapping("/drain")
    IntegrationStatus drain() {
        return IntegrationStatus.of(integration.drain(), integration.progress());
    }
}
