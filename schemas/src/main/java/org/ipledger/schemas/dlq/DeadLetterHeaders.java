package org.ipledger.schemas.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ipledger.schemas.MessageFormatException;

/**
 * Why a record went to the dead-letter topic and where it came from, as headers added to the
 * record's own. Key and value stay the original bytes.
 *
 * @param code a stable code: {@link #UNPARSEABLE}, {@link #SCHEMA_INVALID}, or a signature
 *     rejection's code such as {@code signature_mismatch}
 * @param reason human-readable: the parse error, the schema violations, the signature problem
 * @param originalTopic the topic the record was read from
 * @param originalPartition its partition there
 * @param originalOffset its offset there
 */
public record DeadLetterHeaders(String code, String reason, String originalTopic, int originalPartition,
        long originalOffset) {

    public static final String CODE = "ipledger_dlq_code";
    public static final String REASON = "ipledger_dlq_reason";
    public static final String TOPIC = "ipledger_dlq_topic";
    public static final String PARTITION = "ipledger_dlq_partition";
    public static final String OFFSET = "ipledger_dlq_offset";

    /** The value is not JSON, or not the message its topic carries. */
    public static final String UNPARSEABLE = "unparseable";
    /** The value is JSON that breaks its schema. */
    public static final String SCHEMA_INVALID = "schema_invalid";

    public DeadLetterHeaders {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(originalTopic, "originalTopic");
    }

    /** Adds the headers, replacing earlier {@code ipledger_dlq_*} ones. */
    public void writeTo(Headers headers) {
        put(headers, CODE, code);
        put(headers, REASON, reason);
        put(headers, TOPIC, originalTopic);
        put(headers, PARTITION, Integer.toString(originalPartition));
        put(headers, OFFSET, Long.toString(originalOffset));
    }

    /**
     * Reads the headers of a dead letter.
     *
     * @throws MessageFormatException naming the header that is missing or not a number
     */
    public static DeadLetterHeaders readFrom(Headers headers) {
        try {
            return new DeadLetterHeaders(required(headers, CODE), required(headers, REASON), required(headers, TOPIC),
                    Integer.parseInt(required(headers, PARTITION)), Long.parseLong(required(headers, OFFSET)));
        } catch (NumberFormatException e) {
            throw new MessageFormatException("dead-letter partition or offset is not a number", e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MessageFormatException("header " + name + " is missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
