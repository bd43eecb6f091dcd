package org.ipledger.master.embedded;

import java.util.List;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.embedded.ScramUser;
import org.ipledger.master.IpledgerProperties;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The embedded mode's Kafka: without {@code spring.kafka.bootstrap-servers}, master-service runs a
 * KRaft broker in-process on 127.0.0.1 with its data under {@code ipledger.data-dir}/kafka, kept
 * across restarts, and every Kafka client of the service connects to it.
 *
 * <p>The broker's super user is the master's principal ({@code ipledger.kafka.username}); its
 * password is {@code ipledger.kafka.password} or, when not given, one generated at the first start
 * and kept in {@code ipledger.data-dir}/kafka-password. The broker sets that credential at every
 * start, so a changed password takes effect at the next one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoKafkaBootstrapServers.class)
class EmbeddedKafkaConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(IpledgerProperties properties, LedgerKafkaProperties kafka) {
        String password = StringUtils.hasText(kafka.password()) ? kafka.password()
                : KeptPassword.in(properties.dataDir().resolve("kafka-password"));
        return EmbeddedKafkaBroker.start(properties.dataDir().resolve("kafka"), true, kafka.embeddedPort(),
                new ScramUser(kafka.username(), password));
    }

    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        return () -> List.of(broker.bootstrapServers());
    }
}
