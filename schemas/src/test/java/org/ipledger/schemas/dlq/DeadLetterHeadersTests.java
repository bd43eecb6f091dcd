package org.ipledger.schemas.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ipledger.schemas.MessageFormatException;
import org.junit.jupiter.api.Test;

/** The reason a record was set aside travels with it and reads back. */
class DeadLetterHeadersTests {

    private static final DeadLetterHeaders SCHEMA_INVALID = new DeadLetterHeaders(DeadLetterHeaders.SCHEMA_INVALID,
            "$: required property 'requestId' not found", "ipledger.commands", 4, 1234L);

    @Test
    void addsReasonAndOriginToTheRecordsOwnHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("ipledger_platform", "vmmanager-1".getBytes(StandardCharsets.UTF_8));

        SCHEMA_INVALID.writeTo(headers);

        assertThat(headers.lastHeader("ipledger_platform")).isNotNull();
        assertThat(new String(headers.lastHeader("ipledger_dlq_reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("$: required property 'requestId' not found");
        assertThat(new String(headers.lastHeader("ipledger_dlq_topic").value(), StandardCharsets.UTF_8))
                .isEqualTo("ipledger.commands");
        assertThat(DeadLetterHeaders.readFrom(headers)).isEqualTo(SCHEMA_INVALID);
    }

    @Test
    void refusesHeadersWithoutReason() {
        Headers headers = new RecordHeaders();
        SCHEMA_INVALID.writeTo(headers);
        headers.remove(DeadLetterHeaders.REASON);

        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> DeadLetterHeaders.readFrom(headers))
                .withMessageContaining(DeadLetterHeaders.REASON);
    }
}
