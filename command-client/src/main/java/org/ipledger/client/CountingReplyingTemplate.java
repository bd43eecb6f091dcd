package org.ipledger.client;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.GenericMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;

/**
 * spring-kafka's request-reply template that also counts the replies it drops because no request
 * of this client waits for them: late answers to a timed-out attempt, replies meant for an earlier
 * process of the platform, and anything forged onto the replies topic. The template already
 * ignores them; the count lets an operator see them.
 */
final class CountingReplyingTemplate extends ReplyingKafkaTemplate<String, byte[], byte[]> {

    private final AtomicLong unmatched = new AtomicLong();

    CountingReplyingTemplate(ProducerFactory<String, byte[]> producers,
                             GenericMessageListenerContainer<String, byte[]> replies) {
        super(producers, replies);
    }

    @Override
    protected void logLateArrival(ConsumerRecord<String, byte[]> record, Object correlationId) {
        unmatched.incrementAndGet();
        super.logLateArrival(record, correlationId);
    }

    long unmatched() {
        return unmatched.get();
    }
}
