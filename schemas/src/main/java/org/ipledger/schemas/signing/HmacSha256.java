package org.ipledger.schemas.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with the JDK's provider. */
final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** The MAC of the parts one after the other (a null part as no bytes) under the secret's UTF-8 bytes. */
    static byte[] mac(String secret, byte[]... parts) {
        try {
            // A Mac is not thread-safe; one per call costs about a microsecond.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            for (byte[] part : parts) {
                if (part != null) {
                    mac.update(part);
                }
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static void requireUsable(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret must not be empty");
        }
    }
}
