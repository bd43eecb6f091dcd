package org.ipledger.master.commands;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.ipledger.master.admission.DeadLetters;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.Command;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Decides where an admitted command's reply goes, before the command runs. The request-reply
 * headers are not signed, so they are only allowed to say what the signature already implies: a
 * {@code kafka_replyTopic} naming anything but the signer's replies topic (a replayed command
 * aimed at the ledger or another platform) and headers that cannot be read park the command on
 * the dead-letter topic, unexecuted, instead of throwing in the listener.
 */
@Component
class ReplyRoutes {

    private final Topics topics;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetters deadLetters;

    ReplyRoutes(Topics topics, KafkaTemplate<String, byte[]> kafka, DeadLetters deadLetters) {
        this.topics = topics;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
    }

    /**
     * The route of a command admitted as signed by its {@code platformId}; empty after parking the
     * record, whose send is added to {@code parked}.
     */
    Optional<ReplyRoute> route(ConsumerRecord<String, byte[]> record, Command command, List<CompletableFuture<?>> parked) {
        String own = topics.replies(command.platformId());
        Header topicHeader = record.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
        if (topicHeader != null) {
            String asked = topicHeader.value() == null ? "" : new String(topicHeader.value(), StandardCharsets.UTF_8);
            if (!asked.equals(own)) {
                return park(record, parked, "reply_topic_mismatch", "The command of platform " + command.platformId()
                        + " asks for its reply on '" + asked + "'; it is answered only on " + own + ".");
            }
        }
        Integer partition = null;
        Header partitionHeader = record.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
        if (partitionHeader != null) {
            byte[] bytes = partitionHeader.value();
            partition = bytes != null && bytes.length == Integer.BYTES ? ByteBuffer.wrap(bytes).getInt() : -1;
            // An unknown partition would block the reply's send until the producer's max.block.ms.
            if (partition < 0 || partition >= kafka.partitionsFor(own).size()) {
                return park(record, parked, "malformed_reply_partition", "Header " + KafkaHeaders.REPLY_PARTITION
                        + " is not a 4-byte partition number of " + own + ".");
            }
        }
        Header correlation = record.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        byte[] correlationId = correlation == null ? null : correlation.value();
        String key = correlationId != null ? HexFormat.of().formatHex(correlationId) : command.requestId();
        return Optional.of(new ReplyRoute(own, partition, key, correlationId));
    }

    private Optional<ReplyRoute> park(ConsumerRecord<String, byte[]> record, List<CompletableFuture<?>> parked,
                                      String code, String reason) {
        parked.add(deadLetters.park(record, code, reason));
        return Optional.empty();
    }
}
