package org.ipledger.master.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.ipledger.master.ApiClient;
import org.ipledger.master.ApiClient.Response;
import org.ipledger.master.OneMaster;
import org.junit.jupiter.api.Test;

class PlatformRegistrationIT extends OneMaster {

    @Test
    void registrationGivesAnIdASecretAndTheKafkaSettings() {
        Response response = api.post("/api/v1/platforms", platform("vm-cloud", "vmmanager", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("platformId").asString()).startsWith("vmmanager-");
        assertThat(response.json().get("secret").asString()).matches("[0-9a-f]{64}");
        assertThat(response.json().get("kafka").get("topicPrefix").asString()).isEqualTo(database.topicPrefix());
        assertThat(response.json().get("kafka").get("bootstrapServers").asString()).isNotBlank();
        assertThat(response.json().get("kafka").get("securityProtocol").asString()).isEqualTo("SASL_PLAINTEXT");
        assertThat(response.json().get("kafka").get("saslMechanism").asString()).isEqualTo("SCRAM-SHA-512");
        assertThat(response.json().get("kafka").get("username").asString())
                .isEqualTo("ipledger-platform-" + response.json().get("platformId").asString());
        // 32 random bytes, URL-safe Base64 without padding.
        assertThat(response.json().get("kafka").get("password").asString()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void registeringTheSameInstanceAgainAnswersTheSamePlatformWithNewCredentialsAndRevokesTheOld() {
        String instance = UUID.randomUUID().toString();
        Response first = api.post("/api/v1/platforms", platform("bare metal", "dcimanager", instance));

        Response again = api.post("/api/v1/platforms", platform("bare metal", "dcimanager", instance));

        assertThat(again.json().get("platformId")).isEqualTo(first.json().get("platformId"));
        assertThat(again.json().get("secret").asString()).matches("[0-9a-f]{64}")
                .isNotEqualTo(first.json().get("secret").asString());
        assertThat(database.count("SELECT COUNT(*) FROM platform WHERE instance_id = ? AND secret = ?", instance,
                again.json().get("secret").asString())).isEqualTo(1);
        assertThat(again.json().get("kafka").get("username")).isEqualTo(first.json().get("kafka").get("username"));
        assertThat(again.json().get("kafka").get("password")).isNotEqualTo(first.json().get("kafka").get("password"));
        assertThat(again.json().get("token").asString()).isNotEqualTo(first.json().get("token").asString());
        assertThat(database.count("SELECT COUNT(*) FROM platform WHERE instance_id = ?", instance)).isEqualTo(1);
        assertThat(api.withToken(again.json().get("token").asString()).get("/api/v1/networks").status()).isEqualTo(200);
        // Revoked at once on the master that registered it again.
        assertThat(api.withToken(first.json().get("token").asString()).get("/api/v1/networks").status()).isEqualTo(401);
    }

    @Test
    void theMasterCannotBeRegisteredAsAPlatform() {
        String masterInstance = new ApiClient(master.baseUrl(), null).get("/api/v1/info").json().get("instanceId").asString();

        Response response = api.post("/api/v1/platforms", platform("self", "vmmanager", masterInstance));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("platform_is_master");
    }

    @Test
    void platformsAreListedWithoutTheirSecrets() {
        String instance = UUID.randomUUID().toString();
        String secret = api.post("/api/v1/platforms", platform("listed", "vmmanager", instance)).json().get("secret").asString();

        Response list = api.get("/api/v1/platforms?limit=1000");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(instance).doesNotContain(secret).doesNotContain("\"secret\"");
    }

    @Test
    void unknownKindIsRefused() {
        Response response = api.post("/api/v1/platforms", platform("x", "openstack", UUID.randomUUID().toString()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_kind");
    }

    private static String platform(String name, String kind, String instanceId) {
        return "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"instanceId\":\"" + instanceId + "\"}";
    }
}
