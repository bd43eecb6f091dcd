package org.ipledger.master.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.ScramUser;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.ipledger.schemas.KafkaAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * How the master itself logs in to Kafka: as the embedded broker's super user, or on an external
 * cluster as {@code ipledger.kafka.username} with {@code ipledger.kafka.password}. Every Kafka
 * client of the master takes its settings from this one {@link KafkaAccess}.
 */
@Configuration(proxyBeanMethods = false)
class MasterKafkaAccess {

    @Bean
    KafkaAccess kafkaAccess(KafkaConnectionDetails connection, LedgerKafkaProperties properties,
                                  ObjectProvider<EmbeddedKafkaBroker> embedded) {
        String servers = String.join(",", connection.getBootstrapServers());
        EmbeddedKafkaBroker broker = embedded.getIfAvailable();
        if (broker != null) {
            ScramUser superUser = broker.superUser();
            return KafkaAccess.loopback(servers, superUser.name(), superUser.password());
        }
        if (!StringUtils.hasText(properties.password())) {
            throw new IllegalStateException("ipledger.kafka.password is required with an external Kafka cluster "
                    + "(spring.kafka.bootstrap-servers): the master logs in as " + properties.username()
                    + " with SCRAM-SHA-512");
        }
        Optional<String> ca = Optional.ofNullable(properties.ssl().caFile()).map(MasterKafkaAccess::read);
        String protocol = StringUtils.hasText(properties.securityProtocol()) ? properties.securityProtocol()
                : ca.isPresent() ? KafkaAccess.SASL_SSL : KafkaAccess.SASL_PLAINTEXT;
        return new KafkaAccess(servers, protocol, KafkaAccess.SCRAM_SHA_512, properties.username(),
                properties.password(), ca);
    }

    private static String read(Path pem) {
        try {
            return Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ipledger.kafka.ssl.ca-file " + pem, e);
        }
    }
}
