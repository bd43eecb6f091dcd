package org.ipledger.schemas.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ipledger.schemas.MessageFormatException;

/**
 * The CloudEvents attributes of one record, written to and read from Kafka headers in binary
 * mode, so that the console tools and kcat show a plain JSON value and readable headers.
 *
 * @param id unique per source; a retried message keeps its id
 * @param type e.g. {@code org.ipledger.command.allocate.v1}, see {@link CloudEventTypes}
 * @param source e.g. {@code /ipledger/platforms/vmmanager-1}, see {@link #platformSource}
 * @param time when the event happened
 */
public record CloudEventHeaders(String id, String type, String source, Instant time) {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** The binary-mode header for {@code datacontenttype}. */
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents version written and accepted. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON_CONTENT_TYPE = "application/json";

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    /** The source of records an agent produces. */
    public static String platformSource(String platformId) {
        return "/ipledger/platforms/" + platformId;
    }

    /** The source of records a master instance produces. */
    public static String masterSource(String instanceId) {
        return "/ipledger/master/" + instanceId;
    }

    /** Writes the attributes, replacing any earlier {@code ce_*} and content-type headers. */
    public void writeTo(Headers headers) {
        put(headers, ID, id);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, TIME, time.toString());
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, CONTENT_TYPE, JSON_CONTENT_TYPE);
    }

    /**
     * Reads the attributes of a record.
     *
     * @throws MessageFormatException naming the header that is missing or wrong
     */
    public static CloudEventHeaders readFrom(Headers headers) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MessageFormatException(SPEC_VERSION + " is '" + specVersion + "', only 1.0 is read");
        }
        String time = required(headers, TIME);
        try {
            return new CloudEventHeaders(required(headers, ID), required(headers, TYPE), required(headers, SOURCE),
                    Instant.parse(time));
        } catch (DateTimeParseException e) {
            throw new MessageFormatException(TIME + " is not an RFC 3339 instant: '" + time + "'", e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new MessageFormatException("header " + name + " is missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
