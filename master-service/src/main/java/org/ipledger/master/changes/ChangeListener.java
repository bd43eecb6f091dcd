package org.ipledger.master.changes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.admission.DeadLetters;
import org.ipledger.master.admission.RecordAdmission;
import org.ipledger.master.platform.PlatformService;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.SchemaNames;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.change.PlatformStatus;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code ipledger.changes} in batches. Records are keyed by platform id, so one
 * partition holds each platform's messages in order, and a batch is processed strictly in offset
 * order: the change events between migration chunks together (one commit when none is refused),
 * each chunk on its own. Refused records go to the dead-letter topic; every change
 * event and migration chunk gets a receipt; status reports update the platform's position. The
 * offsets are committed once the batch's receipts and dead letters are acknowledged: a crash
 * redelivers, and a redelivered event gets its stored receipt with no second effect. The commit
 * is asynchronous, so the next batch is polled at once: a platform's captured rows queue behind
 * one partition's batches, and a synchronous commit would add a round trip to the broker to
 * each. It comes at most once a second (a commit per batch cost the broker a request per batch);
 * a commit lost or not yet made in a crash only redelivers.
 *
 * <p>Its consumers form a group apart from the command listener's. In one group, every rebalance
 * (an instance started or restarted, a member's session lost while the broker was away) waits for
 * every member to poll again, and a batch of captured rows takes tens of seconds on a loaded
 * machine: after a restart of the master, writes through every agent waited 28 s for a changes
 * batch to end before the command consumers got their partitions.
 */
@Component
class ChangeListener {

    private final RecordAdmission<ChangesMessage> admission;
    private final ChangeProcessor processor;
    private final Receipts receipts;
    private final PlatformService platforms;

    ChangeListener(PlatformSecrets secrets, DeadLetters deadLetters, ChangeProcessor processor, Receipts receipts,
                   PlatformService platforms) {
        this.admission = new RecordAdmission<>(secrets, deadLetters, SchemaNames.CHANGES_MESSAGE,
                MessageDeserializer.changes(), ChangesMessage::platformId);
        this.processor = processor;
        this.receipts = receipts;
        this.platforms = platforms;
    }

    @KafkaListener(id = "ipledger-changes", topics = "#{@topics.changes()}",
            groupId = "${ipledger.kafka.changes-group:ipledger-master-changes}", containerFactory = "batchListenerFactory",
            containerPostProcessor = "asynchronousCommits")
    void onChanges(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        Set<String> heard = new HashSet<>();
        List<ChangesMessage> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<ChangesMessage> admitted = admission.admit(record, sends);
            if (admitted.isEmpty()) {
                continue;
            }
            ChangesMessage message = admitted.get();
            if (message instanceof PlatformStatus status) {
                platforms.applied(status.platformId(), status.appliedSeq(), status.state());
                continue;
            }
            heard.add(message.platformId());
            if (message instanceof ChangeEvent) {
                events.add(message);
            } else {
                // A migration chunk is a large transaction of its own; the events before it go first.
                process(events, sends);
                events.clear();
                process(List.of(message), sends);
            }
        }
        process(events, sends);
        platforms.seen(heard);
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    /** Processes the messages in order and sends their receipts. */
    private void process(List<ChangesMessage> messages, List<CompletableFuture<?>> sends) {
        if (messages.isEmpty()) {
            return;
        }
        List<byte[]> values = processor.processAll(messages);
        for (int i = 0; i < messages.size(); i++) {
            ChangesMessage message = messages.get(i);
            sends.add(receipts.send(message.platformId(), message.eventId(), values.get(i)));
        }
    }
}
