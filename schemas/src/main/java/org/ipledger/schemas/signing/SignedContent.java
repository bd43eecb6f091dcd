package org.ipledger.schemas.signing;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ipledger.schemas.cloudevents.CloudEventHeaders;

/**
 * What signature v2 covers: {@code topic + "\n" + key + "\n" + ce_id + "\n" + ce_time + "\n"} in
 * UTF-8, then the value bytes. Binding the topic and key means a record signed for one topic or
 * partition key cannot be replayed onto another; an absent key or CloudEvents header counts as
 * the empty string, an absent value (a tombstone) as no bytes.
 */
final class SignedContent {

    /** The {@code ipledger_signature_version} this signs and the only one verified. */
    static final String VERSION = "2";

    private SignedContent() {
    }

    static byte[] mac(String secret, String topic, String key, Headers headers, byte[] value) {
        String preamble = topic + "\n" + (key == null ? "" : key) + "\n" + text(headers, CloudEventHeaders.ID) + "\n"
                + text(headers, CloudEventHeaders.TIME) + "\n";
        return HmacSha256.mac(secret, preamble.getBytes(StandardCharsets.UTF_8), value);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
