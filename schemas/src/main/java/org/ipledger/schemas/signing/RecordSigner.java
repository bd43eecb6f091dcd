package org.ipledger.schemas.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/** Signs the records one platform produces with the secret the master gave it. Thread-safe. */
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

    /** The lowercase hex HMAC-SHA256 of {@code value}. */
    public String signatureOf(byte[] value) {
        return HexFormat.of().formatHex(HmacSha256.mac(secret, value));
    }

    /**
     * Writes {@code ipledger_signature} and {@code ipledger_platform} for {@code value}, the
     * serialised record value, replacing earlier ones.
     */
    public void sign(Headers headers, byte[] value) {
        headers.remove(SigningHeaders.SIGNATURE).remove(SigningHeaders.PLATFORM);
        headers.add(SigningHeaders.SIGNATURE, signatureOf(value).getBytes(StandardCharsets.US_ASCII));
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
