package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the schemas reject, and that the validator says why. */
class MessageValidatorTests {

    private static final String ALLOCATE = """
            {"schemaVersion": 1, "requestId": "r-1", "platformId": "vmmanager-1", "type": "allocate",
             "poolId": 3, "count": 1%s}""";

    private final MessageValidator validator = new MessageValidator();

    @Test
    void acceptsTheCommandAsDesignShowsIt() {
        String design = """
                {"requestId": "6f1c9a52-0d2b-4c1e-8f3a-9b8c7d6e5f40", "platformId": "vmmanager-1", "type": "allocate", "poolId": 12,
                 "count": 1, "address": null, "ownerRef": null}""";

        assertThat(validate(SchemaNames.COMMAND, design)).isEmpty();
    }

    @Test
    void acceptsUnknownFieldsSoThatNewerWritersDoNotBreakReaders() {
        assertThat(validate(SchemaNames.COMMAND, ALLOCATE.formatted(", \"priority\": \"high\""))).isEmpty();
    }

    @Test
    void rejectsACommandWithoutRequestId() {
        String command = """
                {"platformId": "vmmanager-1", "type": "delete_pool", "poolId": 3}""";

        assertThat(validate(SchemaNames.COMMAND, command))
                .singleElement().asString().contains("requestId");
    }

    @Test
    void rejectsACommandOfUnknownType() {
        String command = """
                {"requestId": "r-1", "platformId": "vmmanager-1", "type": "steal_address", "poolId": 3}""";

        assertThat(validate(SchemaNames.COMMAND, command))
                .singleElement().asString().contains("type");
    }

    @Test
    void rejectsACommandCarryingAnOwnerName() {
        assertThat(validate(SchemaNames.COMMAND, ALLOCATE.formatted(", \"owner\": \"web-01.example.com\"")))
                .singleElement().asString().contains("owner");
    }

    @Test
    void rejectsACommandCarryingADnsblList() {
        assertThat(validate(SchemaNames.COMMAND, ALLOCATE.formatted(", \"dnsbl\": [\"spamhaus\"]")))
                .singleElement().asString().contains("dnsbl");
    }

    @Test
    void rejectsACommandMissingAFieldOfItsType() {
        String command = """
                {"requestId": "r-1", "platformId": "vmmanager-1", "type": "remove_range", "poolId": 3}""";

        assertThat(validate(SchemaNames.COMMAND, command))
                .singleElement().asString().contains("rangeId");
    }

    @Test
    void rejectsAnAllocationOfOneAddressWithACountAboveOne() {
        assertThat(validate(SchemaNames.COMMAND,
                ALLOCATE.replace("\"count\": 1", "\"count\": 2").formatted(", \"address\": \"10.20.0.42\"")))
                .isNotEmpty();
    }

    @Test
    void rejectsARangeGivenBothAsBoundsAndAsCidr() {
        String command = """
                {"requestId": "r-1", "platformId": "vmmanager-1", "type": "add_range", "poolId": 3,
                 "start": "10.20.0.10", "end": "10.20.0.20", "cidr": "10.20.0.0/28"}""";

        assertThat(validate(SchemaNames.COMMAND, command)).isNotEmpty();
    }

    @Test
    void rejectsAnAddressThatIsNotOne() {
        assertThat(validate(SchemaNames.COMMAND, ALLOCATE.formatted(", \"address\": \"10.20.0.300\"")))
                .isNotEmpty().anySatisfy(violation -> assertThat(violation).contains("address"));
    }

    @Test
    void rejectsAPlatformIdThatCannotNameAReplyTopic() {
        assertThat(validate(SchemaNames.COMMAND, ALLOCATE.replace("vmmanager-1", "vm manager/1").formatted("")))
                .singleElement().asString().contains("platformId");
    }

    @Test
    void rejectsACapturedAddressRowCarryingItsOwner() {
        String change = """
                {"kind": "change", "eventId": "e-1", "platformId": "vmmanager-1", "sequence": 7,
                 "capturedAt": "2026-05-01T10:16:00Z", "table": "ip", "op": "create",
                 "row": {"id": 301, "addr": "192.168.50.12", "status": "allocated", "owner": "db-02"}}""";

        assertThat(validate(SchemaNames.CHANGES_MESSAGE, change))
                .singleElement().asString().contains("owner");
    }

    @Test
    void rejectsAMigratedAddressRowCarryingItsDnsblList() {
        String chunk = """
                {"kind": "migration_chunk", "eventId": "m-1:0", "migrationId": "m-1", "platformId": "dcimanager-1",
                 "chunkIndex": 0, "chunkTotal": 1,
                 "ip": [{"id": 1, "addr": "10.30.0.10", "status": "allocated", "dnsbl": ["spamhaus"]}]}""";

        assertThat(validate(SchemaNames.CHANGES_MESSAGE, chunk))
                .singleElement().asString().contains("dnsbl");
    }

    @Test
    void rejectsARowThatDoesNotMatchItsTable() {
        String change = """
                {"kind": "change", "eventId": "e-1", "platformId": "vmmanager-1", "sequence": 7,
                 "capturedAt": "2026-05-01T10:16:00Z", "table": "ipnet", "op": "create",
                 "row": {"id": 301, "addr": "192.168.50.12", "status": "allocated"}}""";

        assertThat(validate(SchemaNames.CHANGES_MESSAGE, change)).isNotEmpty()
                .anySatisfy(violation -> assertThat(violation).contains("prefix"));
    }

    /** Messages that carry locations, on their topic's schema, with {@code %s} for the location names. */
    static List<Arguments> messagesWithLocations() {
        return List.of(
                Arguments.of(SchemaNames.COMMAND, """
                        {"requestId": "r-1", "platformId": "vmmanager-1", "type": "create_network",
                         "cidr": "10.20.0.0/24", "name": "web", "locations": [%s]}"""),
                Arguments.of(SchemaNames.COMMAND, """
                        {"requestId": "r-1", "platformId": "vmmanager-1", "type": "create_pool",
                         "name": "web", "locations": [%s]}"""),
                Arguments.of(SchemaNames.COMMAND, """
                        {"requestId": "r-1", "platformId": "vmmanager-1", "type": "update_network",
                         "networkId": 12, "changes": {"locations": [%s]}}"""),
                Arguments.of(SchemaNames.COMMAND, """
                        {"requestId": "r-1", "platformId": "vmmanager-1", "type": "update_pool",
                         "poolId": 3, "changes": {"locations": [%s]}}"""),
                Arguments.of(SchemaNames.LEDGER_ENTRY, """
                        {"seq": 1, "type": "network_created", "platformId": "vmmanager-1",
                         "committedAt": "2026-05-01T10:16:00Z",
                         "entity": {"id": 12, "cidr": "10.20.0.0/24", "name": "web", "locations": [%s]}}"""),
                Arguments.of(SchemaNames.LEDGER_ENTRY, """
                        {"seq": 2, "type": "pool_updated", "platformId": "vmmanager-1",
                         "committedAt": "2026-05-01T10:16:00Z",
                         "entity": {"id": 3, "name": "web", "locations": [%s]}}"""),
                Arguments.of(SchemaNames.CHANGES_MESSAGE, """
                        {"kind": "change", "eventId": "e-1", "platformId": "vmmanager-1", "sequence": 7,
                         "capturedAt": "2026-05-01T10:16:00Z", "table": "ipnet", "op": "create",
                         "row": {"id": 5, "name": "backup", "addr": "192.168.50.0", "prefix": 24, "locations": [%s]}}"""),
                Arguments.of(SchemaNames.CHANGES_MESSAGE, """
                        {"kind": "change", "eventId": "e-1", "platformId": "vmmanager-1", "sequence": 7,
                         "capturedAt": "2026-05-01T10:16:00Z", "table": "ippool", "op": "update",
                         "row": {"id": 8, "name": "backup", "locations": [%s]}}"""),
                Arguments.of(SchemaNames.CHANGES_MESSAGE, """
                        {"kind": "migration_chunk", "eventId": "m-1:0", "migrationId": "m-1", "platformId": "dcimanager-1",
                         "chunkIndex": 0, "chunkTotal": 1, "ippool": [{"id": 1, "name": "servers", "locations": [%s]}]}"""));
    }

    @ParameterizedTest
    @MethodSource("messagesWithLocations")
    void acceptsLocationNames(String schemaName, String message) {
        assertThat(validate(schemaName, message.formatted("\"fra1\", \"ams 2\""))).isEmpty();
        assertThat(validate(schemaName, message.formatted(""))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("messagesWithLocations")
    void rejectsAnEmptyLocationName(String schemaName, String message) {
        assertThat(validate(schemaName, message.formatted("\"fra1\", \"\"")))
                .singleElement().asString().contains("locations[1]");
    }

    @Test
    void rejectsANetworkWhoseFamilyIsNotThatOfItsCidr() {
        String entry = """
                {"seq": 1, "type": "network_created", "platformId": "master", "committedAt": "2026-05-01T10:16:00Z",
                 "entity": {"id": 12, "cidr": "%s", "name": "web", "platformId": "vmmanager-1", "family": %s}}""";

        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("10.20.0.0/24", "4"))).isEmpty();
        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("2001:db8::/64", "6"))).isEmpty();
        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("10.20.0.0/24", "null"))).isEmpty();
        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("10.20.0.0/24", "6")))
                .singleElement().asString().contains("cidr");
        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("2001:db8::/64", "4")))
                .singleElement().asString().contains("cidr");
        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry.formatted("10.20.0.0/24", "5")))
                .singleElement().asString().contains("family");
    }

    @Test
    void rejectsAnEntityOwnedByAPlatformIdThatCannotNameAReplyTopic() {
        String entry = """
                {"seq": 2, "type": "pool_created", "platformId": "master", "committedAt": "2026-05-01T10:16:00Z",
                 "entity": {"id": 3, "name": "web", "platformId": "vm manager/1"}}""";

        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry)).isNotEmpty()
                .allSatisfy(violation -> assertThat(violation).contains("entity.platformId"));
    }

    @Test
    void rejectsAFailureReplyWithoutMessage() {
        String reply = """
                {"requestId": "r-1", "ok": false, "error": "pool_exhausted"}""";

        assertThat(validate(SchemaNames.REPLY, reply)).singleElement().asString().contains("message");
    }

    @Test
    void rejectsALedgerEntryWithoutSeqOrWithAnOwnerName() {
        String entry = """
                {"type": "address_allocated", "platformId": "vmmanager-1", "requestId": null,
                 "committedAt": "2026-05-01T10:16:00Z",
                 "entity": {"address": "10.20.0.10", "status": "allocated", "owner": "web-01"}}""";

        assertThat(validate(SchemaNames.LEDGER_ENTRY, entry))
                .hasSize(2)
                .anySatisfy(violation -> assertThat(violation).contains("seq"))
                .anySatisfy(violation -> assertThat(violation).contains("owner"));
    }

    @Test
    void reportsAValueThatIsNotJson() {
        assertThat(validate(SchemaNames.COMMAND, "{\"requestId\": ")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void refusesAnUnknownSchemaName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> validator.validate("command/teleport.v1", new byte[0]))
                .withMessageContaining("command/teleport.v1");
    }

    private List<String> validate(String schemaName, String json) {
        return validator.validate(schemaName, json.getBytes(StandardCharsets.UTF_8));
    }
}
