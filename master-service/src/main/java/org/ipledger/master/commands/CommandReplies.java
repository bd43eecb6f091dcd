package org.ipledger.master.commands;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ipledger.master.allocation.Reply;
import org.ipledger.master.info.Installation;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.reply.CommandReply;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the reply of a command along its {@link ReplyRoute}: its platform's replies topic, echoing
 * {@code kafka_correlationId} as spring-kafka's request-reply expects.
 */
@Component
class CommandReplies {

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final String source;
    private final MessageSerializer serializer = new MessageSerializer();

    CommandReplies(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Installation installation) {
        this.kafka = kafka;
        this.json = json;
        this.source = CloudEventHeaders.masterSource(installation.instanceId());
    }

    CompletableFuture<SendResult<String, byte[]>> send(ReplyRoute route, Command command, Reply reply) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(route.topic(), route.partition(), route.key(),
                serializer.serialize(body(command.requestId(), reply)));
        if (route.correlation() != null) {
            record.headers().add(KafkaHeaders.CORRELATION_ID, route.correlation());
        }
        new CloudEventHeaders(UUID.randomUUID().toString(), "org.ipledger.reply.v1", source, Instant.now())
                .writeTo(record.headers());
        return kafka.send(record);
    }

    private CommandReply body(String requestId, Reply reply) {
        JsonNode body = reply.body().isEmpty() ? json.createObjectNode() : json.readTree(reply.body());
        if (reply.ok()) {
            return CommandReply.success(requestId, body);
        }
        JsonNode details = body.get("details");
        return details == null
                ? CommandReply.failure(requestId, body.get("error").asString(), body.get("message").asString())
                : CommandReply.failure(requestId, body.get("error").asString(), body.get("message").asString(), details);
    }
}
