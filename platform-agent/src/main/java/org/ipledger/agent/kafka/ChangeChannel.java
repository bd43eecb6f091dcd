package org.ipledger.agent.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.ipledger.agent.integration.MasterLink;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.reply.CommandReply;

/**
 * One platform's way to the master for changes: what it sends on {@code ipledger.changes} and the
 * receipts that come back on its replies topic.
 */
public final class ChangeChannel implements AutoCloseable {

    private final ChangesPublisher publisher;
    private final Receipts receipts;

    private ChangeChannel(ChangesPublisher publisher, Receipts receipts) {
        this.publisher = publisher;
        this.receipts = receipts;
    }

    /**
     * Opens the producer and starts reading receipts; returns once receipts are being read.
     *
     * @param unmatched counts the receipts that match nothing this channel sent
     * @param startWait how long to wait for the replies topic before failing
     */
    public static ChangeChannel open(MasterLink link, Counter unmatched, Duration startWait) {
        Receipts receipts = new Receipts(link, unmatched, startWait);
        try {
            receipts.start();
        } catch (RuntimeException e) {
            // Its consumer and thread must not outlive a failed open: capture tries again.
            receipts.close();
            throw e;
        }
        return new ChangeChannel(new ChangesPublisher(link), receipts);
    }

    /**
     * Sends a message and answers with the master's receipt for it, or with the receipt the
     * master sent before this agent started reading, without sending. The future fails if the
     * broker does not take the record; it never times out by itself.
     */
    public CompletableFuture<CommandReply> publish(ChangesMessage message) {
        return awaitReceipt(message.eventId(), () -> publisher.send(message));
    }

    /** Like {@link #publish(ChangesMessage)} for a message serialised before. */
    public CompletableFuture<CommandReply> publish(String eventId, String cloudEventType, byte[] value) {
        return awaitReceipt(eventId, () -> publisher.send(eventId, cloudEventType, value));
    }

    private CompletableFuture<CommandReply> awaitReceipt(String eventId,
            Supplier<CompletableFuture<RecordMetadata>> send) {
        CompletableFuture<CommandReply> receipt = receipts.expect(eventId);
        if (receipt.isDone()) {
            // Answered while this agent was down: the master need not answer a repeat.
            return receipt;
        }
        send.get().whenComplete((metadata, failure) -> {
            if (failure != null) {
                receipts.forget(eventId);
                receipt.completeExceptionally(failure);
            }
        });
        return receipt;
    }

    public ChangesPublisher publisher() {
        return publisher;
    }

    public Receipts receipts() {
        return receipts;
    }

    public MasterLink link() {
        return publisher.link();
    }

    @Override
    public void close() {
        publisher.close();
        receipts.close();
    }
}
