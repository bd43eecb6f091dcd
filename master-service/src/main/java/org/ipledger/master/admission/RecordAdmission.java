package org.ipledger.master.admission;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ipledger.schemas.MessageDeserializer;
import org.ipledger.schemas.MessageFormatException;
import org.ipledger.schemas.MessageValidator;
import org.ipledger.schemas.signing.PlatformSecrets;
import org.ipledger.schemas.signing.SignatureCheck;
import org.ipledger.schemas.signing.SignatureVerifier;

/**
 * Decides whether a record from an agent may be applied, checking in the order that keeps bad
 * input away from the ledger: a value, its signature, its schema, that it parses, and that the
 * signer is the platform the message speaks for. A refused record is parked on the dead-letter
 * topic with its reason, so the consumer goes on.
 *
 * @param <T> the message type of the topic
 */
public final class RecordAdmission<T> {

    private final SignatureVerifier signatures;
    private final MessageValidator validator = new MessageValidator();
    private final String schemaName;
    private final MessageDeserializer<T> deserializer;
    private final Function<T, String> platformOf;
    private final DeadLetters deadLetters;

    /**
     * @param schemaName the schema of every value of the topic, see {@code SchemaNames}
     * @param platformOf the platform a message speaks for
     */
    public RecordAdmission(PlatformSecrets secrets, DeadLetters deadLetters, String schemaName,
                           MessageDeserializer<T> deserializer, Function<T, String> platformOf) {
        this.signatures = new SignatureVerifier(secrets);
        this.deadLetters = deadLetters;
        this.schemaName = schemaName;
        this.deserializer = deserializer;
        this.platformOf = platformOf;
    }

    /**
     * The message of an acceptable record; empty after parking the record, whose send is added to
     * {@code parked} for the caller to await before it commits the offsets.
     */
    public Optional<T> admit(ConsumerRecord<String, byte[]> record, List<CompletableFuture<?>> parked) {
        try {
            return Optional.of(check(record));
        } catch (Refusal refusal) {
            parked.add(deadLetters.park(record, refusal.code, refusal.getMessage()));
            return Optional.empty();
        }
    }

    private T check(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new Refusal("empty_value", "The record has no value.");
        }
        SignatureCheck check = signatures.verify(record);
        if (check instanceof SignatureCheck.Rejected rejected) {
            throw new Refusal(rejected.reason().code(), rejected.message());
        }
        List<String> violations;
        try {
            violations = validator.validate(schemaName, record.value());
        } catch (RuntimeException e) {
            throw new Refusal("unparseable", "The value is not JSON: " + e.getMessage());
        }
        if (!violations.isEmpty()) {
            throw new Refusal("schema_invalid", String.join("; ", violations));
        }
        T message;
        try {
            message = deserializer.deserialize(record.value());
        } catch (MessageFormatException e) {
            throw new Refusal("unparseable", e.getMessage());
        }
        String signer = ((SignatureCheck.Verified) check).platformId();
        if (!signer.equals(platformOf.apply(message))) {
            throw new Refusal("platform_mismatch", "Signed by " + signer + " but speaks for "
                    + platformOf.apply(message) + ".");
        }
        return message;
    }

    /** Why a record is parked; never leaves this class. */
    private static final class Refusal extends RuntimeException {

        private final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
