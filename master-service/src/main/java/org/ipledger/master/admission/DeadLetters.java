package org.ipledger.master.admission;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.dlq.DeadLetterHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Parks a record that cannot be applied (unsigned, mis-signed, unparseable, schema-invalid) on the
 * dead-letter topic with its original key, value and headers and the reason, so the consumer goes
 * on and an operator can see what was refused.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Topics topics;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    public CompletableFuture<SendResult<String, byte[]>> park(ConsumerRecord<String, byte[]> record, String code, String reason) {
        log.warn("dead letter {} from {}-{}@{}: {}", code, record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topics.deadLetters(), null, record.key(),
                record.value(), record.headers());
        new DeadLetterHeaders(code, reason, record.topic(), record.partition(), record.offset()).writeTo(letter.headers());
        return kafka.send(letter);
    }
}
