package org.ipledger.schemas;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ipledger.schemas.command.CommandType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Holds a message value to its JSON Schema (draft 2020-12), loaded from this module's classpath,
 * so that a consumer can send a schema-invalid record to the dead-letter topic with the reason.
 * Thread-safe; schemas are compiled once, on first use.
 */
public class MessageValidator {

    /** Base of every schema's {@code $id}; mapped to the classpath, so nothing is fetched. */
    public static final String SCHEMA_ID_BASE = "https://ipledger.org/schemas/";

    private static final String CLASSPATH_BASE = "schemas/";

    private static final Set<String> PLATFORM_ONLY_FIELDS = Set.of("$.owner", "$.dnsbl");

    private static final Map<String, String> COMMAND_SCHEMAS = Arrays.stream(CommandType.values())
            .collect(Collectors.toUnmodifiableMap(CommandType::wireName, CommandType::schemaName));

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .pathType(PathType.JSON_PATH)
                            .build())
                    .schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_ID_BASE, "classpath:" + CLASSPATH_BASE)));

    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * The violations of {@code json} against a schema; empty when it is valid.
     *
     * @param schemaName a name of {@link SchemaNames} or a per-type name such as {@code command/allocate.v1}
     * @param json the record's value, UTF-8 JSON
     * @return one human-readable sentence per violation, naming the JSON path
     * @throws IllegalArgumentException if there is no schema of that name
     */
    public List<String> validate(String schemaName, byte[] json) {
        Schema named = schema(schemaName);
        JsonNode value;
        try {
            value = WireJson.MAPPER.readTree(Objects.requireNonNull(json, "json"));
        } catch (JacksonException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return violations(ofItsType(schemaName, named, value), value);
    }

    /** As {@link #validate(String, byte[])}, for a value already parsed. */
    public List<String> validate(String schemaName, JsonNode value) {
        Schema named = schema(schemaName);
        return violations(ofItsType(schemaName, named, Objects.requireNonNull(value, "value")), value);
    }

    /**
     * A command of a known type is held to its type's schema directly: the envelope plus the
     * type's fields, which is where the topic schema's dispatch on {@code type} leads. Evaluating
     * that dispatch builds an error message, with the value written out, for each of the ten types
     * the command is not, on the path of every command.
     */
    private Schema ofItsType(String schemaName, Schema named, JsonNode value) {
        if (SchemaNames.COMMAND.equals(schemaName) && value != null && value.path("type").isString()) {
            String typeSchema = COMMAND_SCHEMAS.get(value.get("type").asString());
            return typeSchema == null ? named : schema(typeSchema);
        }
        return named;
    }

    private static List<String> violations(Schema schema, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return List.of("empty value: a JSON object is expected");
        }
        // The envelope is checked by the topic schema and again by the type's schema: report once.
        return schema.validate(value).stream().map(MessageValidator::describe).distinct().toList();
    }

    private static String describe(com.networknt.schema.Error error) {
        if (!"false".equals(error.getKeyword())) {
            return error.toString();
        }
        // A property whose schema is false is one the contract forbids; say so plainly.
        String location = error.getInstanceLocation().toString();
        boolean platformOnly = PLATFORM_ONLY_FIELDS.stream().anyMatch(location::endsWith);
        return location + ": must not be present"
                + (platformOnly ? " (owner names and DNSBL lists never leave the platform)" : "");
    }

    private Schema schema(String schemaName) {
        Objects.requireNonNull(schemaName, "schemaName");
        return schemas.computeIfAbsent(schemaName, this::load);
    }

    private Schema load(String schemaName) {
        String resource = CLASSPATH_BASE + schemaName + ".schema.json";
        if (schemaName.contains("..") || MessageValidator.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalArgumentException("no schema named '" + schemaName + "'");
        }
        Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_ID_BASE + schemaName + ".schema.json"));
        schema.initializeValidators();
        return schema;
    }
}
