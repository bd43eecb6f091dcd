package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class KafkaAccessTests {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void aRegistrationsKafkaBlockBecomesScramClientSettings() {
        KafkaAccess access = KafkaAccess.fromRegistration(JsonMapper.builder().build().readTree("""
                {"bootstrapServers": "kafka:9092", "topicPrefix": "ipledger.", "securityProtocol": "SASL_PLAINTEXT",
                 "saslMechanism": "SCRAM-SHA-512", "username": "ipledger-platform-vm-1", "password": "pa\\"ss",
                 "caCertificate": null}"""));

        assertThat(access.clientProperties()).containsOnly(
                Map.entry("bootstrap.servers", "kafka:9092"),
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"ipledger-platform-vm-1\" password=\"pa\\\"ss\";"));
    }

    @Test
    void aCaCertificateBecomesAPemTrustStore() {
        KafkaAccess access = new KafkaAccess("kafka:9093", KafkaAccess.SASL_SSL, KafkaAccess.SCRAM_SHA_512, "u", "p",
                Optional.of(PEM));

        assertThat(access.clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", PEM);
    }

    @Test
    void aClientsOwnSettingsAreAddedAndThePasswordIsNeverShown() {
        KafkaAccess access = KafkaAccess.loopback("127.0.0.1:9092", "ipledger-master", "secret-password");

        assertThat(access.with(Map.of("linger.ms", 0))).containsEntry("linger.ms", 0)
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(access.toString()).doesNotContain("secret-password");
    }
}
