package org.ipledger.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;

import tools.jackson.databind.JsonNode;

/**
 * How a client reaches ipledger's Kafka and proves who it is: the {@code kafka} block of a
 * registration without the topic prefix, and the one place that turns it into Kafka client
 * settings. Every client of an agent, and every client of the master, is configured from one.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param securityProtocol {@code SASL_SSL} against a cluster, {@code SASL_PLAINTEXT} on the
 *        embedded broker's loopback listener
 * @param saslMechanism always {@link #SCRAM_SHA_512} today
 * @param username the principal's name, e.g. {@code ipledger-platform-<platformId>}
 * @param password its SCRAM password
 * @param caCertificate PEM of the CA that signed the brokers' certificates, when they are not
 *        signed by one the JVM trusts already
 */
public record KafkaAccess(String bootstrapServers, String securityProtocol, String saslMechanism, String username,
                          String password, Optional<String> caCertificate) {

    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";

    public static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";

    public static final String SASL_SSL = "SASL_SSL";

    public KafkaAccess {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(saslMechanism, "saslMechanism");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    /** SCRAM-SHA-512 over SASL_PLAINTEXT: for a broker on a loopback listener only. */
    public static KafkaAccess loopback(String bootstrapServers, String username, String password) {
        return new KafkaAccess(bootstrapServers, SASL_PLAINTEXT, SCRAM_SHA_512, username, password, Optional.empty());
    }

    /** Reads the {@code kafka} block of a registration answer. */
    public static KafkaAccess fromRegistration(JsonNode kafka) {
        JsonNode ca = kafka.path("caCertificate");
        return new KafkaAccess(kafka.required("bootstrapServers").asString(),
                kafka.required("securityProtocol").asString(), kafka.required("saslMechanism").asString(),
                kafka.required("username").asString(), kafka.required("password").asString(),
                ca.isString() ? Optional.of(ca.asString()) : Optional.empty());
    }

    /** The same servers and transport, as another principal. */
    public KafkaAccess as(String otherUsername, String otherPassword) {
        return new KafkaAccess(bootstrapServers, securityProtocol, saslMechanism, otherUsername, otherPassword,
                caCertificate);
    }

    /** Bootstrap servers, SASL and, with a CA certificate, a PEM trust store: the settings every client shares. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        properties.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName() + " required username=\""
                + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        caCertificate.ifPresent(pem -> {
            // Kafka reads PEM text directly: no key store file to write and protect.
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            properties.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, pem);
        });
        return properties;
    }

    /** {@link #clientProperties()} with a client's own settings added. */
    public Map<String, Object> with(Map<String, ?> settings) {
        Map<String, Object> properties = clientProperties();
        properties.putAll(settings);
        return properties;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "KafkaAccess[" + username + "@" + bootstrapServers + " " + securityProtocol + "/" + saslMechanism + "]";
    }

    /** A JAAS option value is a quoted string in which backslash escapes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
