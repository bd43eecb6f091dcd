package org.ipledger.agent;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.ipledger.agent.integration.MasterLink;
import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.Topics;

/**
 * Registers a platform on a running master directly over its REST API, as the join does, so a
 * test of one part of the agent (migration, capture, replica) gets a {@link MasterLink} without
 * going through the integration flow.
 */
public final class PlatformRegistration {

    private PlatformRegistration() {
    }

    public static MasterLink register(MasterInstance master, String name) {
        ApiClient admin = master.adminClient();
        ApiClient.Response response = admin.post("/api/v1/platforms", """
                {"name": "%s", "kind": "vmmanager", "instanceId": "%s"}""".formatted(name, UUID.randomUUID()));
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("registration failed: " + response.status() + " " + response.body());
        }
        JsonNode body = response.json();
        return new MasterLink(master.baseUrl(), body.get("platformId").asString(), body.get("secret").asString(),
                body.has("token") ? body.get("token").asString() : admin.token(),
                KafkaAccess.fromRegistration(body.get("kafka")),
                new Topics(body.get("kafka").get("topicPrefix").asString()));
    }
}
