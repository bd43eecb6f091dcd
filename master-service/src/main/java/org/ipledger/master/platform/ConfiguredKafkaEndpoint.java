package org.ipledger.master.platform;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * The Kafka endpoint handed to agents: {@code ipledger.kafka.advertised-bootstrap-servers} when
 * set (agents on other hosts), otherwise the servers this master itself connects to.
 */
@Component
class ConfiguredKafkaEndpoint implements KafkaEndpoint {

    private final KafkaConnectionDetails connection;
    private final LedgerKafkaProperties properties;

    ConfiguredKafkaEndpoint(KafkaConnectionDetails connection, LedgerKafkaProperties properties) {
        this.connection = connection;
        this.properties = properties;
    }

    @Override
    public String bootstrapServers() {
        String advertised = properties.advertisedBootstrapServers();
        return advertised != null && !advertised.isBlank() ? advertised : String.join(",", connection.getBootstrapServers());
    }

    @Override
    public String topicPrefix() {
        return properties.topicPrefix();
    }
}
