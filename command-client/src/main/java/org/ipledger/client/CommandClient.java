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
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

/**
 * Request-reply over Kafka for one platform, on spring-kafka's {@link ReplyingKafkaTemplate}:
 * every command is signed with the platform's secret, keyed by its partition key, and answered
 * on the platform's replies topic. The client is returned once its consumer polls the replies
 * partition, so the first reply is never missed.
 *
 * <p>Bounds under faults: a send answers or fails within {@code attempts x timeout}, also while the
 * broker is down; the client needs no consumer group, so a restart of its process or of the broker
 * costs no rebalance or session expiry: replies flow as soon as the broker serves the partition.
 */
public final class CommandClient implements CommandOperations, AutoCloseable {

    /**
     * How long a send may wait for the commands topic's metadata when the broker cannot be reached
     * (Kafka's default is 60 s, which kept a write through the agent hanging while the master was down).
     */
    private static final Duration MAX_BLOCK = Duration.ofSeconds(2);

    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    private static final int LINGER_MS = 2;

    private final CountingReplyingTemplate template;
    private final Topics topics;
    private final RecordSigner signer;
    private final int attempts;
    private final MessageSerializer serializer = new MessageSerializer();
    private final MessageDeserializer<CommandReply> replies = MessageDeserializer.replies();

    private CommandClient(CountingReplyingTemplate template, Topics topics, RecordSigner signer,
                          int attempts) {
        this.template = template;
        this.topics = topics;
        this.signer = signer;
        this.attempts = attempts;
    }

    /**
     * Connects as the platform's Kafka principal, assigns itself the platform's replies partition
     * and waits for its first poll.
     */
    public static CommandClient start(KafkaAccess access, Topics topics, String platformId, String secret,
                                      int attempts) {
        // Commands of one platform come in bursts: the master answers a batch of them at once, and
        // their senders send their next ones within a few milliseconds. Sent as soon as each comes
        // (linger 0), about two went in a produce request; two milliseconds of linger put about
        // three in one (a millisecond barely changed it), for two milliseconds on each command.
        Map<String, Object> producer = access.with(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS, ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
        // The replies topic has one partition, read by this client alone and worth nothing once
        // read: it is assigned, not subscribed, so there is no consumer group to join. A group made
        // every restart of the agent wait for its killed predecessor's session to expire (45 s)
        // before the new member got the partition, and again after a crash of the broker, whose
        // coordinator reloaded a member that was gone; replies sent meanwhile reached no one. With no
        // group, no offset is committed either: a restarted client starts at the end and waits
        // for none of the replies it missed.
        Map<String, Object> consumer = access.with(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"));
        ContainerProperties replyPartition = new ContainerProperties(
                new TopicPartitionOffset(topics.replies(platformId), 0, SeekPosition.END));
        // An assigned partition is ready once the first poll returns, which an idle poll does after
        // this long (5 s by default, which delayed every start by as much).
        replyPartition.setPollTimeout(IDLE_POLL.toMillis());
        var container = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                replyPartition);
        var template = new CountingReplyingTemplate(
                new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()), container);
        // Replies to an earlier process of this platform carry correlation ids no one waits for:
        // expected after a restart, so logged quietly.
        template.setSharedReplyTopic(true);
        template.start();
        try {
            awaitFirstPoll(template, topics.replies(platformId));
        } catch (RuntimeException e) {
            // A client that is not returned is never closed: its consumer would poll on, unseen.
            template.stop();
            template.destroy();
            throw e;
        }
        return new CommandClient(template, topics, new RecordSigner(platformId, secret), attempts);
    }

    private static void awaitFirstPoll(ReplyingKafkaTemplate<?, ?, ?> template, String topic) {
        try {
            if (!template.waitForAssignment(Duration.ofSeconds(30))) {
                throw new IllegalStateException(topic + " could not be read within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the command and waits for its reply, at most {@code timeout} per attempt and
     * {@code attempts x timeout} in all, whatever the broker does: a send that cannot reach it
     * fails after {@link #MAX_BLOCK}, as an attempt without a reply.
     */
    @Override
    public CommandReply send(Command command, Duration timeout) {
        return send(command, timeout, System.nanoTime() + timeout.toNanos() * attempts);
    }

    /**
     * As {@link #send(Command, Duration)}, with every attempt over by {@code deadline} (a
     * {@link System#nanoTime()}), so that a caller that has already waited keeps one bound for the
     * whole: the last attempt gets what remains. The first attempt is always made; another begins
     * only while a send's wait for the broker ({@link #MAX_BLOCK}) still fits before the deadline,
     * since that wait cannot be cut short.
     */
    public CommandReply send(Command command, Duration timeout, long deadline) {
        byte[] value = serializer.serialize(command);
        TimeoutException last = null;
        int made = 0;
        while (made < attempts && (made == 0 || deadline - System.nanoTime() >= MAX_BLOCK.toNanos())) {
            made++;
            long attemptEnd = Math.min(deadline, System.nanoTime() + timeout.toNanos());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.commands(), command.partitionKey(), value);
            signer.sign(record);
            try {
                // Throws once the send has waited MAX_BLOCK for a broker; the template's own
                // timeout starts only when the send returns.
                RequestReplyFuture<String, byte[], byte[]> future = template.sendAndReceive(record, timeout);
                ConsumerRecord<String, byte[]> reply = future.get(Math.max(0, attemptEnd - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                return replies.deserialize(reply.value());
            } catch (ExecutionException | KafkaException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                last = new TimeoutException(cause.getMessage());
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandTimeoutException("interrupted waiting for " + command.requestId(), e);
            }
        }
        throw new CommandTimeoutException("no reply to " + command.type() + " " + command.requestId() + " after "
                + made + (made == 1 ? " attempt" : " attempts") + " of at most " + timeout, last);
    }

    /** How many replies came that no request of this client waited for, since it started. */
    public long unmatchedReplies() {
        return template.unmatched();
    }

    @Override
    public void close() {
        template.stop();
        template.destroy();
    }
}
