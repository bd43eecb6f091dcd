package org.ipledger.schemas.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ipledger.schemas.signing.SignatureCheck.Reason;
import org.ipledger.schemas.signing.SignatureCheck.Rejected;
import org.ipledger.schemas.signing.SignatureCheck.Verified;

/**
 * Checks the signature of a record against the secret of the platform it names, comparing in
 * constant time. Thread-safe when its {@link PlatformSecrets} is.
 */
public final class SignatureVerifier {

    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final PlatformSecrets secrets;

    public SignatureVerifier(PlatformSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** Verifies a record as received, against the topic it was read from. */
    public SignatureCheck verify(ConsumerRecord<String, byte[]> record) {
        return verify(record.topic(), record.key(), record.headers(), record.value());
    }

    /**
     * Verifies a record.
     *
     * @param topic the topic the record was read from
     * @param key the record's key (null for none)
     * @param headers the record's headers, holding the signing and CloudEvents headers
     * @param value the record's value bytes as received (null for a tombstone)
     */
    public SignatureCheck verify(String topic, String key, Headers headers, byte[] value) {
        Optional<String> platformId = text(headers, SigningHeaders.PLATFORM);
        if (platformId.isEmpty()) {
            return new Rejected(Reason.MISSING_PLATFORM, "header " + SigningHeaders.PLATFORM + " is missing");
        }
        Optional<String> signature = text(headers, SigningHeaders.SIGNATURE);
        if (signature.isEmpty()) {
            return new Rejected(Reason.MISSING_SIGNATURE, "header " + SigningHeaders.SIGNATURE
                    + " is missing on a record of platform " + platformId.get());
        }
        Optional<String> version = text(headers, SigningHeaders.VERSION);
        if (!version.equals(Optional.of(SignedContent.VERSION))) {
            return new Rejected(Reason.UNSUPPORTED_SIGNATURE_VERSION, "header " + SigningHeaders.VERSION
                    + " of platform " + platformId.get() + " is " + version.map(v -> "'" + v + "'").orElse("missing")
                    + "; only version " + SignedContent.VERSION + " is accepted");
        }
        Optional<byte[]> claimed = decode(signature.get());
        if (claimed.isEmpty()) {
            return new Rejected(Reason.MALFORMED_SIGNATURE, "header " + SigningHeaders.SIGNATURE
                    + " of platform " + platformId.get() + " is not 64 hex digits");
        }
        Optional<String> secret = known(secrets.secretOf(platformId.get()));
        boolean verified = secret.isPresent() && matches(secret.get(), claimed.get(), topic, key, headers, value);
        if (!verified) {
            // A secret given out since this one was remembered gets one more look before the record is refused.
            Optional<String> current = known(secrets.currentSecretOf(platformId.get()));
            if (current.isEmpty()) {
                return new Rejected(Reason.UNKNOWN_PLATFORM, "platform " + platformId.get() + " is not registered");
            }
            verified = !current.equals(secret) && matches(current.get(), claimed.get(), topic, key, headers, value);
        }
        if (!verified) {
            return new Rejected(Reason.SIGNATURE_MISMATCH, "the signature does not match the topic, key, CloudEvents id and time,"
                    + " value and secret"
                    + " of platform " + platformId.get());
        }
        return new Verified(platformId.get());
    }

    private static Optional<String> known(Optional<String> secret) {
        return secret.filter(s -> !s.isEmpty());
    }

    private static boolean matches(String secret, byte[] claimed, String topic, String key, Headers headers, byte[] value) {
        return MessageDigest.isEqual(SignedContent.mac(secret, topic, key, headers, value), claimed);
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> decode(String hex) {
        if (hex.length() != SIGNATURE_HEX_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
