package org.ipledger.master.commands;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.master.allocation.Reply;
import org.ipledger.master.platform.PlatformService;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.MessageFormatException;
import org.ipledger.schemas.MessageSerializer;
import org.ipledger.schemas.MessageValidator;
import org.ipledger.schemas.SchemaNames;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.ipledger.schemas.signing.SignatureCheck;
import org.ipledger.schemas.signing.SignatureVerifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code ipledger.commands} in batches. Each record is checked in the order that keeps
 * bad input away from the ledger (signature, then schema, then parsing, then that the signer is
 * the platform the command speaks for); refused records go to the dead-letter topic and the batch
 * goes on. Admitted commands run together and their replies are sent before the offsets are
 * committed: a crash redelivers the batch, and every redelivered command gets its stored reply.
 */
@Component
class CommandListener {

    private final SignatureVerifier signatures;
    private final MessageValidator validator = new MessageValidator();
    private final MessageDeserializer<Command> commands = MessageDeserializer.commands();
    private final MessageSerializer serializer = new MessageSerializer();
    private final CommandExecutor executor;
    private final CommandReplies replies;
    private final DeadLetters deadLetters;
    private final PlatformService platforms;

    CommandListener(PlatformSecrets secrets, CommandExecutor executor, CommandReplies replies, DeadLetters deadLetters,
                    PlatformService platforms) {
        this.signatures = new SignatureVerifier(secrets);
        this.executor = executor;
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.platforms = platforms;
    }

    @KafkaListener(id = "ipledger-commands", topics = "#{@topics.commands()}", groupId = "${ipledger.kafka.command-group:ipledger-master}",
            containerFactory = "batchListenerFactory")
    void onCommands(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<Admitted> admitted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Command command = admit(record, sends);
            if (command != null) {
                // The command as we parsed it, so a retry that encodes it differently still matches.
                String fingerprint = fingerprint(serializer.serialize(command));
                admitted.add(new Admitted(record, command, executor.execute(command, fingerprint)));
            }
        }
        // Replies are not awaited: each is stored with its effect, and a requester that misses
        // one retries with the same requestId and gets it again. Dead letters are awaited, since
        // nothing else keeps a refused record once its offset is committed.
        for (Admitted each : admitted) {
            replies.send(each.record, each.command, each.reply.join());
        }
        platforms.seen(admitted.stream().map(each -> each.command.platformId()).collect(Collectors.toSet()));
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    /** The command of an acceptable record, or null after parking the record with its reason. */
    private Command admit(ConsumerRecord<String, byte[]> record, List<CompletableFuture<?>> sends) {
        if (record.value() == null) {
            sends.add(deadLetters.park(record, "empty_value", "The record has no value."));
            return null;
        }
        SignatureCheck check = signatures.verify(record.headers(), record.value());
        if (check instanceof SignatureCheck.Rejected rejected) {
            sends.add(deadLetters.park(record, rejected.reason().code(), rejected.message()));
            return null;
        }
        List<String> violations;
        try {
            violations = validator.validate(SchemaNames.COMMAND, record.value());
        } catch (RuntimeException e) {
            sends.add(deadLetters.park(record, "unparseable", "The value is not JSON: " + e.getMessage()));
            return null;
        }
        if (!violations.isEmpty()) {
            sends.add(deadLetters.park(record, "schema_invalid", String.join("; ", violations)));
            return null;
        }
        Command command;
        try {
            command = commands.deserialize(record.value());
        } catch (MessageFormatException e) {
            sends.add(deadLetters.park(record, "unparseable", e.getMessage()));
            return null;
        }
        String signer = ((SignatureCheck.Verified) check).platformId();
        if (!signer.equals(command.platformId())) {
            sends.add(deadLetters.park(record, "platform_mismatch", "Signed by " + signer + " but speaks for "
                    + command.platformId() + "."));
            return null;
        }
        return command;
    }

    private static String fingerprint(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Admitted(ConsumerRecord<String, byte[]> record, Command command, CompletableFuture<Reply> reply) {
    }
}
