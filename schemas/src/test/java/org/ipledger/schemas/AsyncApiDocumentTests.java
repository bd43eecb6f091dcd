package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipledger.schemas.command.CommandType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The AsyncAPI document names every topic and every message, and all its references resolve. */
class AsyncApiDocumentTests {

    private final JsonNode document = YAMLMapper.builder().build()
            .readTree(getClass().getClassLoader().getResourceAsStream("asyncapi.yaml"));

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void describesEveryTopicWithItsPartitions() {
        List<String> addresses = new ArrayList<>();
        document.get("channels").forEach(channel -> {
            addresses.add(channel.get("address").asString());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).as(channel.get("address").asString())
                    .isPositive();
        });

        assertThat(addresses).containsExactlyInAnyOrder("ipledger.changes", "ipledger.commands",
                "ipledger.replies.{platformId}", "ipledger.ledger", "ipledger.dlq");
        assertThat(document.at("/channels/ledger/bindings/kafka/partitions").asInt()).isEqualTo(1);
    }

    @Test
    void namesAMessageForEveryCommandType() {
        List<String> names = new ArrayList<>();
        document.at("/channels/commands/messages").forEach(reference -> names.add(
                resolve(reference.get("$ref").asString()).get("name").asString()));

        assertThat(names).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(CommandType.values()).map(CommandType::wireName).toList());
    }

    @Test
    void resolvesEveryReference() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).hasSizeGreaterThan(40).allSatisfy(reference -> {
            if (reference.startsWith("#")) {
                assertThat(resolve(reference).isMissingNode()).as(reference).isFalse();
            } else {
                Path schema = ExampleFiles.root("schemas").getParent().resolve(reference).normalize();
                assertThat(Files.isRegularFile(schema)).as(reference).isTrue();
            }
        });
    }

    private JsonNode resolve(String localReference) {
        return document.at(localReference.substring(1));
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.get("$ref").asString());
        }
        node.forEach(child -> collectReferences(child, references));
    }
}
