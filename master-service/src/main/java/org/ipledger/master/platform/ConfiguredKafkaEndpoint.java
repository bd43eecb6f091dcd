package org.ipledger.master.platform;

import java.util.Optional;

import org.ipledger.schemas.KafkaAccess;
import org.springframework.stereotype.Component;

/**
 * The Kafka endpoint handed to agents: {@code ipledger.kafka.advertised-bootstrap-servers} when
 * set (agents on other hosts), otherwise the servers this master itself connects to; the
 * transport and CA the master itself uses.
 */
@Component
class ConfiguredKafkaEndpoint implements KafkaEndpoint {

    private final KafkaAccess master;
    private final LedgerKafkaProperties properties;

    ConfiguredKafkaEndpoint(KafkaAccess master, LedgerKafkaProperties properties) {
        this.master = master;
        this.properties = properties;
    }

    @Override
    public String bootstrapServers() {
        String advertised = properties.advertisedBootstrapServers();
        return advertised != null && !advertised.isBlank() ? advertised : master.bootstrapServers();
    }

    @Override
    public String securityProtocol() {
        return master.securityProtocol();
    }

    @Override
    public String saslMechanism() {
        return master.saslMechanism();
    }

    @Override
    public Optional<String> caCertificate() {
        return master.caCertificate();
    }

    @Override
    public String topicPrefix() {
        return properties.topicPrefix();
    }
}
