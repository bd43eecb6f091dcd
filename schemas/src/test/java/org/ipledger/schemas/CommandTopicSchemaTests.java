package org.ipledger.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.ipledger.schemas.ExampleFiles.Example;
import org.ipledger.schemas.command.CommandType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The command topic's schema as other validators evaluate it, dispatching on {@code type} itself,
 * reaches the same verdict as {@link MessageValidator}, which goes to the type's schema directly.
 */
class CommandTopicSchemaTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Schema TOPIC_SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder
                            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                            .schemaIdResolvers(ids -> ids.mapPrefix(MessageValidator.SCHEMA_ID_BASE, "classpath:schemas/")))
            .getSchema(SchemaLocation.of(MessageValidator.SCHEMA_ID_BASE + SchemaNames.COMMAND + ".schema.json"));

    private final MessageValidator validator = new MessageValidator();

    /** Every command example, once as itself and once relabelled as each other type. */
    static Stream<Arguments> commandsAsEveryType() {
        List<Example> commands = ExampleFiles.all().stream().filter(e -> e.family().equals("command")).toList();
        return commands.stream().flatMap(example -> Arrays.stream(CommandType.values())
                .map(type -> Arguments.of(example, type.wireName())));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("commandsAsEveryType")
    void theTopicSchemaAndTheValidatorAgree(Example example, String type) {
        ObjectNode command = (ObjectNode) JSON.readTree(example.bytes());
        command.put("type", type);

        boolean validByTopicSchema = TOPIC_SCHEMA.validate(command).isEmpty();

        assertThat(validator.validate(SchemaNames.COMMAND, (JsonNode) command).isEmpty())
                .as(command.toString()).isEqualTo(validByTopicSchema);
    }
}
