package org.ipledger.master.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.ipledger.schemas.KafkaAccess;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The master's Kafka clients, all logged in as the master ({@link KafkaAccess}). Values travel as
 * bytes: a signature covers the exact bytes of a record, so nothing may re-encode them before
 * they are checked.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClients {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    /** The one template of the service: ledger, replies and dead letters. */
    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(KafkaProperties properties, KafkaAccess access) {
        Map<String, Object> config = properties.buildProducerProperties();
        config.putAll(access.clientProperties());
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Batch listeners on raw bytes, committing offsets only after the batch was answered. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> batchListenerFactory(KafkaProperties properties,
                                                                                 KafkaAccess access,
                                                                                 LedgerKafkaProperties ledgerKafka) {
        Map<String, Object> config = properties.buildConsumerProperties();
        config.putAll(access.clientProperties());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A consumer hands out all it fetched of one partition before the next partition's records,
        // and fetches a partition again only once they are handed out. With Kafka's 1 MiB a fetch
        // holds thousands of captured rows: a platform whose partition shares the consumer waited
        // behind another platform's backlog (its outbox sent again after restarts) until every
        // batch of it was applied, minutes on a busy machine. A few hundred rows per partition
        // and fetch put every waiting platform's records into each batch. A larger record (a
        // migration chunk) still comes whole.
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer()));
        factory.setBatchListener(true);
        // Consumers per instance; the partitions of a topic are shared among all instances' consumers.
        factory.setConcurrency(ledgerKafka.listenerConcurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        return factory;
    }

    /** Boot's admin with the master's login: it creates the topics and platforms' credentials and ACLs. */
    @Bean
    KafkaAdmin kafkaAdmin(KafkaProperties properties, KafkaAccess access) {
        Map<String, Object> config = properties.buildAdminProperties();
        config.putAll(access.clientProperties());
        KafkaAdmin admin = new KafkaAdmin(config);
        admin.setFatalIfBrokerNotAvailable(properties.getAdmin().isFailFast());
        admin.setModifyTopicConfigs(properties.getAdmin().isModifyTopicConfigs());
        admin.setAutoCreate(properties.getAdmin().isAutoCreate());
        return admin;
    }

    /**
     * For a listener whose records carry their own idempotency, where a lost commit only redelivers:
     * asynchronous, and at most once a second (at the first batch after a second passed, and when
     * partitions are revoked or the container stops). A commit after every batch cost the broker
     * an offset commit, and an append to its offsets topic, per batch: under load a batch is a few
     * commands, so about one commit per five allocations. A crash now redelivers at most a second
     * more, answered from the stored replies and receipts.
     */
    @Bean
    ContainerPostProcessor<String, byte[], AbstractMessageListenerContainer<String, byte[]>> asynchronousCommits() {
        return container -> {
            ContainerProperties properties = container.getContainerProperties();
            properties.setSyncCommits(false);
            properties.setAckMode(ContainerProperties.AckMode.TIME);
            properties.setAckTime(COMMIT_INTERVAL.toMillis());
        };
    }
}
