package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ipledger.schemas.change.MigrationChunk;
import org.ipledger.schemas.command.AddRangeCommand;
import org.ipledger.schemas.command.AllocateCommand;
import org.ipledger.schemas.command.ClearableAttribute;
import org.ipledger.schemas.command.CreateNetworkCommand;
import org.ipledger.schemas.command.CreatePoolCommand;
import org.ipledger.schemas.command.NetworkChanges;
import org.ipledger.schemas.command.ReleaseCommand;
import org.ipledger.schemas.command.ReserveCommand;
import org.ipledger.schemas.command.UpdateNetworkCommand;
import org.ipledger.schemas.ledger.NetworkEntity;
import org.ipledger.schemas.ledger.PoolEntity;
import org.ipledger.schemas.reply.CommandReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The records' own rules: keys, defaults, and the combinations they refuse. */
class MessageRecordsTests {

    @Test
    void keysAddressCommandsByPoolAndTheRestByStructure() {
        assertThat(new AllocateCommand("r-1", "p", 3, 1, Optional.empty(), Optional.empty()).partitionKey())
                .isEqualTo("3");
        assertThat(new ReleaseCommand("r-2", "p", Optional.empty(), "10.0.0.1").partitionKey())
                .isEqualTo(Topics.STRUCTURE_KEY);
        assertThat(new CreatePoolCommand("r-3", "p", "web", null, null).partitionKey())
                .isEqualTo(Topics.STRUCTURE_KEY);
    }

    @Test
    void turnsAbsentValuesIntoEmptyOnes() {
        CreatePoolCommand command = new CreatePoolCommand("r-3", "p", "web", null, null);

        assertThat(command.locations()).isEmpty();
        assertThat(command.note()).isEmpty();
    }

    @Test
    void turnsAbsentEntityValuesIntoEmptyOnes() {
        NetworkEntity network = new NetworkEntity(12, "10.20.0.0/24", "web", null, null, null, null, null, null);
        PoolEntity pool = new PoolEntity(3, "web", null, null, null);

        assertThat(network.locations()).isEmpty();
        assertThat(network.platformId()).isEmpty();
        assertThat(network.family()).isEmpty();
        assertThat(pool.locations()).isEmpty();
        assertThat(pool.platformId()).isEmpty();
    }

    @Test
    void keepsLocationsImmutable() {
        List<String> locations = new ArrayList<>(List.of("fra1"));
        CreateNetworkCommand command = new CreateNetworkCommand("r-1", "p", "10.20.0.0/24", "web", null, null,
                locations, null);
        PoolEntity pool = new PoolEntity(3, "web", locations, null, Optional.of("p"));

        locations.add("fra2");

        assertThat(command.locations()).containsExactly("fra1");
        assertThat(pool.locations()).containsExactly("fra1");
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> command.locations().add("ams1"));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> pool.locations().add("ams1"));
    }

    @Test
    void refusesANetworkWhoseFamilyIsNotThatOfItsCidr() {
        assertThat(new NetworkEntity(12, "2001:db8::/64", "v6", null, null, null, null, null, Optional.of(6)).family())
                .contains(6);
        assertThatIllegalArgumentException().isThrownBy(() ->
                new NetworkEntity(12, "10.20.0.0/24", "web", null, null, null, null, null, Optional.of(6)));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new NetworkEntity(12, "2001:db8::/64", "v6", null, null, null, null, null, Optional.of(4)));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new NetworkEntity(12, "10.20.0.0/24", "web", null, null, null, null, null, Optional.of(5)));
    }

    @Test
    void refusesARangeThatIsBothBoundsAndCidr() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AddRangeCommand("r-1", "p", 3,
                Optional.of("10.0.0.1"), Optional.of("10.0.0.9"), Optional.of("10.0.0.0/28")));
        assertThat(AddRangeCommand.ofCidr("r-1", "p", 3, "10.0.0.0/28").cidr()).contains("10.0.0.0/28");
    }

    @Test
    void refusesAnAttributeBothChangedAndCleared() {
        NetworkChanges changes = new NetworkChanges(null, Optional.of("10.0.0.1"), null, null, null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpdateNetworkCommand("r-1", "p", 12, changes, List.of(ClearableAttribute.GATEWAY)))
                .withMessageContaining("gateway");
    }

    @Test
    void refusesAnAllocationOfOneAddressWithACountAboveOne() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new AllocateCommand("r-1", "p", 3, 2, Optional.of("10.0.0.5"), Optional.empty()));
    }

    @Test
    void setsAnAddressReservedUnlessAllocatedIsAskedForAndRefusesOtherStatuses() {
        assertThat(new ReserveCommand("r-1", "p", Optional.empty(), "10.0.0.5", Optional.empty(), Optional.empty())
                .wantedStatus()).isEqualTo("reserved");
        assertThat(new ReserveCommand("r-1", "p", Optional.empty(), "10.0.0.5", Optional.of("allocated"), Optional.empty())
                .wantedStatus()).isEqualTo("allocated");
        assertThatIllegalArgumentException().isThrownBy(() ->
                new ReserveCommand("r-1", "p", Optional.empty(), "10.0.0.5", Optional.of("free"), Optional.empty()))
                .withMessageContaining("free");
    }

    @Test
    void refusesAReplyThatIsBothSuccessAndFailure() {
        ObjectNode result = JsonNodeFactory.instance.objectNode();

        assertThatIllegalArgumentException().isThrownBy(() -> new CommandReply("r-1", true, Optional.of(result),
                Optional.of("pool_exhausted"), Optional.empty(), Optional.empty()));
    }

    @Test
    void keepsAReplyResultImmutable() {
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("id", 12);
        CommandReply reply = CommandReply.success("r-1", result);

        result.put("id", 13);
        ((ObjectNode) reply.result().orElseThrow()).put("id", 14);

        assertThat(reply.result().orElseThrow().get("id").asInt()).isEqualTo(12);
    }

    @Test
    void knowsTheLastChunkOfAMigration() {
        MigrationChunk last = new MigrationChunk("m:1", "m", "p", 1, 2, null, null, null, null);

        assertThat(last.lastChunk()).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MigrationChunk("m:2", "m", "p", 2, 2, null, null, null, null));
    }

    @Test
    void namesTopicsUnderTheirPrefix() {
        Topics topics = Topics.withDefaultPrefix();

        assertThat(List.of(topics.changes(), topics.commands(), topics.replies("vmmanager-1"), topics.ledger(),
                topics.deadLetters()))
                .containsExactly("ipledger.changes", "ipledger.commands", "ipledger.replies.vmmanager-1",
                        "ipledger.ledger", "ipledger.dlq");
        assertThat(new Topics("test.").ledger()).isEqualTo("test.ledger");
    }
}
