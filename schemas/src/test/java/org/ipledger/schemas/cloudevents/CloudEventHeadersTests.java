package org.ipledger.schemas.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ipledger.schemas.MessageFormatException;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.ChangeOperation;
import org.ipledger.schemas.change.PoolRow;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.schemas.ledger.PoolEntity;
import org.ipledger.schemas.reply.CommandReply;
import org.junit.jupiter.api.Test;

/** CloudEvents binary mode: plain text headers that round-trip. */
class CloudEventHeadersTests {

    private static final CloudEventHeaders ALLOCATE = new CloudEventHeaders("r-1",
            "org.ipledger.command.allocate.v1", CloudEventHeaders.platformSource("vmmanager-1"),
            Instant.parse("2026-05-01T10:15:30.123Z"));

    @Test
    void writesTheAttributesAsPlainTextHeaders() {
        Headers headers = new RecordHeaders();

        ALLOCATE.writeTo(headers);

        assertThat(text(headers, "ce_id")).isEqualTo("r-1");
        assertThat(text(headers, "ce_type")).isEqualTo("org.ipledger.command.allocate.v1");
        assertThat(text(headers, "ce_source")).isEqualTo("/ipledger/platforms/vmmanager-1");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-05-01T10:15:30.123Z");
        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void readsBackWhatItWroteEvenAfterARewrite() {
        Headers headers = new RecordHeaders();
        new CloudEventHeaders("old", "old", "old", Instant.EPOCH).writeTo(headers);

        ALLOCATE.writeTo(headers);

        assertThat(CloudEventHeaders.readFrom(headers)).isEqualTo(ALLOCATE);
        assertThat(headers.headers("ce_id")).hasSize(1);
    }

    @Test
    void refusesRecordsWithoutType() {
        Headers headers = new RecordHeaders();
        ALLOCATE.writeTo(headers);
        headers.remove("ce_type");

        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> CloudEventHeaders.readFrom(headers))
                .withMessage("header ce_type is missing");
    }

    @Test
    void refusesAnotherSpecVersion() {
        Headers headers = new RecordHeaders();
        ALLOCATE.writeTo(headers);
        headers.remove("ce_specversion").add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));

        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> CloudEventHeaders.readFrom(headers))
                .withMessageContaining("0.3");
    }

    @Test
    void namesTheTypeOfEveryMessage() {
        Instant now = Instant.parse("2026-05-01T10:15:30Z");

        assertThat(CloudEventTypes.of(new AllocateCommand("r-1", "p", 3, 1, Optional.empty(), Optional.empty())))
                .isEqualTo("org.ipledger.command.allocate.v1");
        assertThat(CloudEventTypes.of(CommandReply.failure("r-1", "not_found", "No pool 3.")))
                .isEqualTo("org.ipledger.reply.v1");
        assertThat(CloudEventTypes.of(new ChangeEvent("e-1", "p", 1, Optional.empty(), now, ChangeOperation.CREATE,
                new PoolRow(1, "web", null, null))))
                .isEqualTo("org.ipledger.change.v1");
        assertThat(CloudEventTypes.of(new LedgerEntry(1, LedgerEntryType.POOL_CREATED, "p", Optional.empty(),
                Optional.empty(), now, new PoolEntity(3, "web", null, null, null))))
                .isEqualTo("org.ipledger.ledger.pool_created.v1");
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
