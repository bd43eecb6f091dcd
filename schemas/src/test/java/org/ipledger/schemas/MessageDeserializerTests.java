package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.ipledger.schemas.change.ChangeEvent;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.change.NetworkRow;
import org.ipledger.schemas.change.PoolRow;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CommandType;
import org.ipledger.schemas.command.CreateNetworkCommand;
import org.ipledger.schemas.command.CreatePoolCommand;
import org.ipledger.schemas.command.UpdateNetworkCommand;
import org.ipledger.schemas.command.UpdatePoolCommand;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.ledger.NetworkEntity;
import org.ipledger.schemas.ledger.PoolEntity;
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

    @Test
    void roundTripsTheLocationsOfCommands() {
        CreateNetworkCommand network = (CreateNetworkCommand) roundTrip(MessageDeserializer.commands(), """
                {"schemaVersion": 1, "requestId": "r-1", "platformId": "vmmanager-1", "type": "create_network",
                 "cidr": "10.20.0.0/24", "name": "web", "locations": ["fra1", "ams 2"]}""");
        CreatePoolCommand pool = (CreatePoolCommand) roundTrip(MessageDeserializer.commands(), """
                {"schemaVersion": 1, "requestId": "r-2", "platformId": "vmmanager-1", "type": "create_pool",
                 "name": "web", "locations": ["fra1"]}""");
        UpdateNetworkCommand networkUpdate = (UpdateNetworkCommand) roundTrip(MessageDeserializer.commands(), """
                {"schemaVersion": 1, "requestId": "r-3", "platformId": "vmmanager-1", "type": "update_network",
                 "networkId": 12, "changes": {"locations": ["fra2"]}}""");
        UpdatePoolCommand poolUpdate = (UpdatePoolCommand) roundTrip(MessageDeserializer.commands(), """
                {"schemaVersion": 1, "requestId": "r-4", "platformId": "vmmanager-1", "type": "update_pool",
                 "poolId": 3, "changes": {"locations": []}}""");

        assertThat(network.locations()).containsExactly("fra1", "ams 2");
        assertThat(pool.locations()).containsExactly("fra1");
        assertThat(networkUpdate.changes().locations()).contains(List.of("fra2"));
        assertThat(poolUpdate.changes().locations()).contains(List.of());
    }

    @Test
    void roundTripsTheLocationsAndOwnerOfLedgerEntities() {
        LedgerEntry networkEntry = roundTrip(MessageDeserializer.ledger(), """
                {"schemaVersion": 1, "seq": 1, "type": "network_created", "platformId": "master",
                 "committedAt": "2026-05-01T10:16:00Z",
                 "entity": {"id": 12, "cidr": "2001:db8::/64", "name": "v6", "locations": ["fra1", "fra2"],
                            "platformId": "dcimanager-1", "family": 6}}""");
        LedgerEntry poolEntry = roundTrip(MessageDeserializer.ledger(), """
                {"schemaVersion": 1, "seq": 2, "type": "pool_updated", "platformId": "master",
                 "committedAt": "2026-05-01T10:16:00Z",
                 "entity": {"id": 3, "name": "web", "locations": ["fra1"], "platformId": "vmmanager-1"}}""");

        assertThat(networkEntry.entity()).isEqualTo(new NetworkEntity(12, "2001:db8::/64", "v6", Optional.empty(),
                Optional.empty(), List.of("fra1", "fra2"), Optional.empty(), Optional.of("dcimanager-1"), Optional.of(6)));
        assertThat(poolEntry.entity()).isEqualTo(new PoolEntity(3, "web", List.of("fra1"), Optional.empty(),
                Optional.of("vmmanager-1")));
    }

    @Test
    void roundTripsTheLocationsOfPlatformRows() {
        ChangeEvent network = (ChangeEvent) roundTrip(MessageDeserializer.changes(), """
                {"schemaVersion": 1, "kind": "change", "eventId": "e-1", "platformId": "vmmanager-1", "sequence": 7,
                 "capturedAt": "2026-05-01T10:16:00Z", "table": "ipnet", "op": "create",
                 "row": {"id": 5, "name": "backup", "addr": "192.168.50.0", "prefix": 24, "locations": ["fra1"]}}""");
        ChangeEvent pool = (ChangeEvent) roundTrip(MessageDeserializer.changes(), """
                {"schemaVersion": 1, "kind": "change", "eventId": "e-2", "platformId": "vmmanager-1", "sequence": 8,
                 "capturedAt": "2026-05-01T10:16:00Z", "table": "ippool", "op": "update",
                 "row": {"id": 8, "name": "backup", "locations": ["fra1", "fra2"]}}""");
        MigrationChunk chunk = (MigrationChunk) roundTrip(MessageDeserializer.changes(), """
                {"schemaVersion": 1, "kind": "migration_chunk", "eventId": "m-1:0", "migrationId": "m-1",
                 "platformId": "dcimanager-1", "chunkIndex": 0, "chunkTotal": 1,
                 "ippool": [{"id": 1, "name": "servers", "locations": ["ams1"]}]}""");

        assertThat(((NetworkRow) network.row()).locations()).containsExactly("fra1");
        assertThat(((PoolRow) pool.row()).locations()).containsExactly("fra1", "fra2");
        assertThat(chunk.pools()).singleElement().extracting(PoolRow::locations).isEqualTo(List.of("ams1"));
    }

    @Test
    void readsAbsentNullOrEmptyLocationsAsAllAndWritesThemAsAbsent() {
        for (String locations : List.of("", ", \"locations\": null", ", \"locations\": []")) {
            CreatePoolCommand pool = (CreatePoolCommand) MessageDeserializer.commands().deserialize(bytes("""
                    {"requestId": "r-1", "platformId": "vmmanager-1", "type": "create_pool", "name": "web"%s}"""
                    .formatted(locations)));
            LedgerEntry entry = MessageDeserializer.ledger().deserialize(bytes("""
                    {"seq": 1, "type": "network_created", "platformId": "vmmanager-1",
                     "committedAt": "2026-05-01T10:16:00Z", "entity": {"id": 12, "cidr": "10.20.0.0/24", "name": "web"%s}}"""
                    .formatted(locations)));

            assertThat(pool.locations()).as(locations).isEmpty();
            assertThat(((NetworkEntity) entry.entity()).locations()).as(locations).isEmpty();
            assertThat(PLAIN_JSON.readTree(serializer.serialize(pool)).has("locations")).isFalse();
            assertThat(PLAIN_JSON.readTree(serializer.serialize(entry)).get("entity").has("locations")).isFalse();
        }
    }

    @Test
    void failsOnANetworkWhoseFamilyIsNotThatOfItsCidr() {
        assertThatExceptionOfType(MessageFormatException.class)
                .isThrownBy(() -> MessageDeserializer.ledger().deserialize(bytes("""
                        {"seq": 1, "type": "network_created", "platformId": "vmmanager-1",
                         "committedAt": "2026-05-01T10:16:00Z",
                         "entity": {"id": 12, "cidr": "10.20.0.0/24", "name": "web", "family": 6}}""")))
                .withMessageContaining("family");
    }

    /** Reads {@code json}, checks it writes back as the same JSON, and returns what was read. */
    private <T> T roundTrip(MessageDeserializer<T> deserializer, String json) {
        T message = deserializer.deserialize(bytes(json));

        assertThat(PLAIN_JSON.readTree(serializer.serialize(message))).isEqualTo(PLAIN_JSON.readTree(json));
        return message;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
