package org.ipledger.schemas.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** Signs the records one platform produces with the secret the master gave it (signature v2). Thread-safe. */
public final class RecordSigner {

    private final String platformId;
    private final String secret;

    /**
     * @param platformId the platform's id, written as {@code ipledger_platform}
     * @param secret the signing secret received at registration, not empty
     */
    public RecordSigner(String platformId, String secret) {
        this.platformId = Objects.requireNonNull(platformId, "platformId");
        HmacSha256.requireUsable(secret);
        this.secret = secret;
    }

    /**
     * The lowercase hex HMAC-SHA256 of a record bound for {@code topic}: its key, the
     * {@code ce_id} and {@code ce_time} among {@code headers}, and its value.
     */
    public String signatureOf(String topic, String key, Headers headers, byte[] value) {
        return HexFormat.of().formatHex(SignedContent.mac(secret, topic, key, headers, value));
    }

    /**
     * Writes {@code ipledger_signature}, {@code ipledger_signature_version} and
     * {@code ipledger_platform}, replacing earlier ones. The record's CloudEvents headers must be
     * written before: they are signed.
     */
    public void sign(ProducerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String signature = signatureOf(record.topic(), record.key(), headers, record.value());
        headers.remove(SigningHeaders.SIGNATURE).remove(SigningHeaders.VERSION).remove(SigningHeaders.PLATFORM);
        headers.add(SigningHeaders.SIGNATURE, signature.getBytes(StandardCharsets.US_ASCII));
        headers.add(SigningHeaders.VERSION, SignedContent.VERSION.getBytes(StandardCharsets.US_ASCII));
        headers.add(SigningHeaders.PLATFORM, platformId.getBytes(StandardCharsets.UTF_8));
    }

    /** The platform whose records this signs. */
    public String platformId() {
        return platformId;
    }

    @Override
    public String toString() {
        return "RecordSigner[platformId=" + platformId + "]";
    }
}
