package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CommandType;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.reply.CommandReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading values into records: tolerant of what may vary, strict about what the records need. */
class MessageDeserializerTests {

    private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

    private final MessageSerializer serializer = new MessageSerializer();

    @Test
    void readsTheCommandAsDesignShowsItWithNullsAsAbsent() {
        Command command = MessageDeserializer.commands().deserialize(bytes("""
                {"requestId": "6f1c9a52-0d2b-4c1e-8f3a-9b8c7d6e5f40", "platformId": "vmmanager-1", "type": "allocate", "poolId": 12,
                 "count": 1, "address": null, "ownerRef": null}"""));

        assertThat(command).isEqualTo(new AllocateCommand("6f1c9a52-0d2b-4c1e-8f3a-9b8c7d6e5f40", "vmmanager-1", 12, 1,
                Optional.empty(), Optional.empty()));
        assertThat(command.type()).isEqualTo(CommandType.ALLOCATE);
        assertThat(command.partitionKey()).isEqualTo("12");
    }

    @Test
    void readsAnAbsentCountAsOne() {
        AllocateCommand command = (AllocateCommand) MessageDeserializer.commands().deserialize(bytes("""
                {"requestId": "r-1", "platformId": "vmmanager-1", "type": "allocate", "poolId": 3}"""));

        assertThat(command.count()).isEqualTo(1);
    }

    @Test
    void ignoresUnknownFieldsAndNeverCarriesAnOwnerNameOn() {
        Command command = MessageDeserializer.commands().deserialize(bytes("""
                {"requestId": "r-1", "platformId": "vmmanager-1", "type": "allocate", "poolId": 3,
                 "owner": "web-01.example.com", "priority": "high", "schemaVersion": 2}"""));

        String written = new String(serializer.serialize(command), StandardCharsets.UTF_8);

        assertThat(written).doesNotContain("owner\"", "web-01", "priority");
        assertThat(PLAIN_JSON.readTree(written).get("schemaVersion").asInt()).isEqualTo(WireMessage.SCHEMA_VERSION);
    }

    @Test
    void failsOnAnUnknownCommandTypeNamingIt() {
        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> MessageDeserializer.commands().deserialize(bytes("""
                        {"requestId": "r-1", "platformId": "vmmanager-1", "type": "steal_address"}""")))
                .withMessageContaining("steal_address");
    }

    @Test
    void failsOnACommandWithoutRequestId() {
        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> MessageDeserializer.commands().deserialize(bytes("""
                        {"platformId": "vmmanager-1", "type": "delete_pool", "poolId": 3}""")))
                .withMessageContaining("requestId");
    }

    @Test
    void failsOnAValueThatIsNotJson() {
        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> MessageDeserializer.replies().deserialize(bytes("ok")))
                .withMessageStartingWith("not a valid CommandReply");
    }

    @Test
    void failsOnALedgerEntryWhoseEntityDoesNotMatchItsType() {
        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> MessageDeserializer.ledger().deserialize(bytes("""
                        {"seq": 9, "type": "network_created", "platformId": "vmmanager-1",
                         "committedAt": "2026-05-01T10:16:00Z", "entity": {"address": "10.20.0.10", "status": "free"}}""")))
                .withMessageContaining("LedgerEntry");
    }

    @Test
    void keepsTombstonesNullForKafka() {
        assertThat(MessageDeserializer.ledger().deserialize("ipledger.ledger", null)).isNull();
        assertThat(serializer.serialize("ipledger.ledger", null)).isNull();
    }

    @Test
    void writesAReplyAsTheContractShowsIt() {
        CommandReply failure = CommandReply.failure("r-1", "pool_exhausted", "Pool 3 has no free address left.");

        assertThat(PLAIN_JSON.readTree(serializer.serialize(failure))).isEqualTo(PLAIN_JSON.readTree("""
                {"schemaVersion": 1, "requestId": "r-1", "ok": false, "error": "pool_exhausted",
                 "message": "Pool 3 has no free address left."}"""));
    }

    @Test
    void readsTheLedgerEntryAsDesignShowsIt() {
        LedgerEntry entry = MessageDeserializer.ledger().deserialize(bytes("""
                {"seq": 1, "type": "pool_deleted", "platformId": "vmmanager-1", "requestId": null,
                 "committedAt": "2026-05-01T10:16:00Z", "entity": {"id": 3, "name": "web VMs"}}"""));

        assertThat(entry.requestId()).isEmpty();
        assertThat(entry.entityKey()).isEqualTo("pool:3");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
