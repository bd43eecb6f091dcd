package org.ipledger.master.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.ipledger.master.platform.LedgerKafkaProperties;
import org.ipledger.schemas.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics of docs/design.md, created at start when missing (Spring's KafkaAdmin creates every
 * {@link NewTopic} bean). The ledger has one partition: it is one global order. Replies topics
 * are created when a platform registers.
 */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

    @Bean
    Topics topics(LedgerKafkaProperties properties) {
        return new Topics(properties.topicPrefix());
    }

    @Bean
    NewTopic changesTopic(Topics topics, LedgerKafkaProperties properties) {
        return TopicBuilder.name(topics.changes()).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }

    @Bean
    NewTopic commandsTopic(Topics topics, LedgerKafkaProperties properties) {
        return TopicBuilder.name(topics.commands()).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }

    @Bean
    NewTopic ledgerTopic(Topics topics, LedgerKafkaProperties properties) {
        return TopicBuilder.name(topics.ledger()).partitions(1).replicas(properties.replicationFactor()).build();
    }

    @Bean
    NewTopic deadLetterTopic(Topics topics, LedgerKafkaProperties properties) {
        return TopicBuilder.name(topics.deadLetters()).partitions(1).replicas(properties.replicationFactor()).build();
    }
}
