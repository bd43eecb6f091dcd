package org.ipledger.master.embedded;

import java.util.List;

import org.ipledger.embedded.EmbeddedKafkaBroker;
import org.ipledger.master.IpledgerProperties;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded mode's Kafka: without {@code spring.kafka.bootstrap-servers}, master-service runs a
 * KRaft broker in-process on 127.0.0.1 with its data under {@code ipledger.data-dir}/kafka, kept
 * across restarts, and every Kafka client of the service connects to it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoKafkaBootstrapServers.class)
class EmbeddedKafkaConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(IpledgerProperties properties, LedgerKafkaProperties kafka) {
        return EmbeddedKafkaBroker.start(properties.dataDir().resolve("kafka"), true, kafka.embeddedPort());
    }

    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        return () -> List.of(broker.bootstrapServers());
    }
}
