package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ipledger.schemas.ExampleFiles.Example;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.command.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every example file validates against its schemas and survives a round trip through the records. */
class ExampleMessagesTests {

    /** Schemas that describe parts of messages rather than whole ones. */
    private static final Set<String> BUILDING_BLOCKS =
            Set.of("common/types.v1", "command/envelope.v1", "change/platform_rows.v1");

    private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

    private final MessageValidator validator = new MessageValidator();
    private final MessageSerializer serializer = new MessageSerializer();

    static List<Example> examples() {
        return ExampleFiles.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleValidatesAgainstItsOwnSchema(Example example) {
        assertThat(validator.validate(example.schemaName(), example.bytes())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleValidatesAgainstTheSchemaOfItsTopic(Example example) {
        assertThat(validator.validate(example.topicSchemaName(), example.bytes())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRoundTripsThroughItsRecord(Example example) {
        Object message = new MessageDeserializer<>(example.messageType()).deserialize(example.bytes());

        byte[] written = serializer.serialize(message);

        assertThat(PLAIN_JSON.readTree(written)).isEqualTo(PLAIN_JSON.readTree(example.bytes()));
        assertThat(validator.validate(example.topicSchemaName(), written)).isEmpty();
    }

    @Test
    void everyMessageSchemaHasAnExample() {
        Set<String> exampled = examples().stream().map(Example::schemaName).collect(Collectors.toSet());
        Set<String> topicSchemas = Set.copyOf(SchemaNames.TOPIC_SCHEMAS);

        List<String> messageSchemas = ExampleFiles.relativeFiles("schemas").stream()
                .map(file -> file.substring(0, file.length() - ".schema.json".length()))
                .filter(name -> !BUILDING_BLOCKS.contains(name))
                .filter(name -> !topicSchemas.contains(name) || name.equals(SchemaNames.REPLY)
                        || name.equals(SchemaNames.LEDGER_ENTRY))
                .toList();

        assertThat(messageSchemas).hasSize(16).allSatisfy(name -> assertThat(exampled).contains(name));
    }

    @Test
    void everyCommandTypeHasAnExampleReadAsThatType() {
        Set<CommandType> read = examples().stream()
                .filter(example -> example.family().equals("command"))
                .map(example -> {
                    Command command = MessageDeserializer.commands().deserialize(example.bytes());
                    JsonNode json = PLAIN_JSON.readTree(example.bytes());
                    assertThat(command.type().wireName()).isEqualTo(json.get("type").asString());
                    assertThat(example.schemaName()).isEqualTo(command.type().schemaName());
                    return command.type();
                })
                .collect(Collectors.toSet());

        assertThat(read).containsExactlyInAnyOrder(CommandType.values());
    }
}
