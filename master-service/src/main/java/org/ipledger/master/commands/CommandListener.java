package org.ipledger.master.commands;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.ipledger.master.admission.DeadLetters;
import org.ipledger.master.admission.RecordAdmission;
import org.ipledger.master.allocation.Reply;
import org.ipledger.master.platform.PlatformService;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.SchemaNames;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code ipledger.commands} in batches. Each record passes the {@link RecordAdmission}
 * (signature, schema, parsing, signer is the platform the command speaks for) and its
 * {@link ReplyRoutes} (the reply goes to the signer's replies topic only); refused records go
 * to the dead-letter topic and the batch goes on. Admitted commands run together and their
 * replies are sent before the offsets are committed: a crash redelivers the batch, and every redelivered command
 * gets the answer already sent, the reply stored with its effect or the refusal stored for its record ({@link RefusedCommands}).
 * The commit is asynchronous, as for change events: a lost commit only redelivers, and a
 * synchronous one would add a round trip to the broker to every cycle of the one consumer of a
 * pool's partition; and at most once a second, since a commit per batch cost the broker a
 * request per few commands.
 */
@Component
class CommandListener implements ConsumerSeekAware {

    private final RecordAdmission<Command> admission;
    private final CommandExecutor executor;
    private final CommandReplies replies;
    private final ReplyRoutes routes;
    private final PlatformService platforms;
    private final RefusedCommands refusals;

    CommandListener(PlatformSecrets secrets, CommandExecutor executor, CommandReplies replies, ReplyRoutes routes,
                    DeadLetters deadLetters, PlatformService platforms, RefusedCommands refusals) {
        this.admission = new RecordAdmission<>(secrets, deadLetters, SchemaNames.COMMAND, MessageDeserializer.commands(),
                Command::platformId);
        this.executor = executor;
        this.replies = replies;
        this.routes = routes;
        this.platforms = platforms;
        this.refusals = refusals;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        refusals.assigned(assignments.keySet().stream().map(TopicPartition::partition).toList());
    }

    @KafkaListener(id = "ipledger-commands", topics = "#{@topics.commands()}", groupId = "${ipledger.kafka.command-group:ipledger-master}",
            containerFactory = "batchListenerFactory", containerPostProcessor = "asynchronousCommits")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<ReplyRoute> admittedRoutes = new ArrayList<>();
        List<Command> admitted = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> admittedRecords = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<Command> parsed = admission.admit(record, sends);
            Optional<ReplyRoute> route = parsed.flatMap(command -> routes.route(record, command, sends));
            if (route.isPresent()) {
                admittedRoutes.add(route.get());
                admitted.add(parsed.get());
                admittedRecords.add(record);
            }
        }
        Map<Integer, Reply> recalled = refusals.recall(admittedRecords, admitted);
        List<Command> toRun = new ArrayList<>();
        for (int i = 0; i < admitted.size(); i++) {
            if (!recalled.containsKey(i)) {
                toRun.add(admitted.get(i));
            }
        }
        Iterator<CompletableFuture<Reply>> runs = executor.executeAll(toRun).iterator();
        List<Reply> answers = new ArrayList<>(admitted.size());
        for (int i = 0; i < admitted.size(); i++) {
            answers.add(recalled.containsKey(i) ? recalled.get(i) : runs.next().join());
        }
        refusals.remember(admittedRecords, admitted, answers);
        // Replies are not awaited: each is stored with its effect (a refusal with its record), and a
        // requester that misses one retries with the same requestId and gets it again. Dead letters are
        // awaited, since nothing else keeps a refused record once its offset is committed.
        for (int i = 0; i < admitted.size(); i++) {
            replies.send(admittedRoutes.get(i), admitted.get(i), answers.get(i));
        }
        platforms.seen(admitted.stream().map(Command::platformId).collect(Collectors.toSet()));
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }
}
