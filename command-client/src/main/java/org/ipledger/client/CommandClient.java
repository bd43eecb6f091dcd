package org.ipledger.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ipledger.schemas.KafkaAccess;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.Topics;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.reply.CommandReply;
import org.ipledger.schemas.signing.RecordSigner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;

/**
 * Request-reply over Kafka for one platform, on spring-kafka's {@link ReplyingKafkaTemplate}:
 * every command is signed with the platform's secret, keyed by its partition key, and answered
 * on the platform's replies topic. The client waits for its reply partitions before it is
 * returned, so the first reply is never missed.
 */
public final class CommandClient implements CommandOperations, AutoCloseable {

    private final ReplyingKafkaTemplate<String, byte[], byte[]> template;
    private final Topics topics;
    private final RecordSigner signer;
    private final int attempts;
    private final MessageSerializer serializer = new MessageSerializer();
    private final MessageDeserializer<CommandReply> replies = MessageDeserializer.replies();

    private CommandClient(ReplyingKafkaTemplate<String, byte[], byte[]> template, Topics topics, RecordSigner signer,
                          int attempts) {
        this.template = template;
        this.topics = topics;
        this.signer = signer;
        this.attempts = attempts;
    }

    /**
     * Connects as the platform's Kafka principal, subscribes to the platform's replies topic and
     * waits for its partitions.
     */
    public static CommandClient start(KafkaAccess access, Topics topics, String platformId, String secret,
                                      int attempts) {
        Map<String, Object> producer = access.with(Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0));
        // A reply's offset is worth nothing once the reply is read: a restarted client waits for
        // none of the replies it missed. So Kafka commits them every few seconds, not the
        // container after every poll, which under load was a commit per handful of replies.
        // With 3 clients x 64 in flight, the reply consumers now take a third less CPU and the
        // broker's group coordinator half.
        // The group is named under ipledger-agent-<platformId>, the prefix the platform may read with.
        Map<String, Object> consumer = access.with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "ipledger-agent-" + platformId + "-command-replies",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true));
        var container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                new ContainerProperties(topics.replies(platformId)));
        var template = new ReplyingKafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()), container);
        // Replies to an earlier process of this platform carry correlation ids no one waits for:
        // expected after a restart, so logged quietly.
        template.setSharedReplyTopic(true);
        template.start();
        try {
            if (!template.waitForAssignment(Duration.ofSeconds(30))) {
                throw new IllegalStateException("no partition of " + topics.replies(platformId) + " was assigned in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new CommandClient(template, topics, new RecordSigner(platformId, secret), attempts);
    }

    @Override
    public CommandReply send(Command command, Duration timeout) {
        byte[] value = serializer.serialize(command);
        TimeoutException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.commands(), command.partitionKey(), value);
            signer.sign(record.headers(), value);
            RequestReplyFuture<String, byte[], byte[]> future = template.sendAndReceive(record, timeout);
            try {
                ConsumerRecord<String, byte[]> reply = future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                return replies.deserialize(reply.value());
            } catch (ExecutionException e) {
                last = new TimeoutException(e.getCause().getMessage());
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandTimeoutException("interrupted waiting for " + command.requestId(), e);
            }
        }
        throw new CommandTimeoutException("no reply to " + command.type() + " " + command.requestId() + " after "
                + attempts + " attempts of " + timeout, last);
    }

    @Override
    public void close() {
        template.stop();
        template.destroy();
    }
}
