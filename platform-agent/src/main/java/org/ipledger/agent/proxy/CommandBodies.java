package org.ipledger.agent.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.ipledger.schemas.command.ClearableAttribute;
import org.ipledger.web.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a REST body the way the master does: absent means unchanged, JSON null
 * clears an optional attribute, and a value of the wrong type is a 400 naming the field.
 */
final class CommandBodies {

    private final JsonNode body;

    CommandBodies(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "The request body must be a JSON object");
        }
        this.body = body;
    }

    Optional<String> text(String field) {
        return value(field, node -> node.isString() ? node.asString() : null, "a string");
    }

    String requiredText(String field) {
        return text(field).filter(value -> !value.isBlank())
                .orElseThrow(() -> ApiException.badRequest("missing_field", "'" + field + "' is required"));
    }

    Optional<Integer> integer(String field) {
        return value(field, node -> node.canConvertToInt() && node.isIntegralNumber() ? node.asInt() : null, "an integer");
    }

    Optional<List<String>> strings(String field) {
        return value(field, node -> {
            if (!node.isArray()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isString()) {
                    return null;
                }
                values.add(item.asString());
            }
            return values;
        }, "an array of strings");
    }

    /** Whether the field is present as JSON null: the attribute is to be cleared. */
    boolean clears(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    /** The attributes among the given ones that the body clears. */
    List<ClearableAttribute> cleared(List<ClearableAttribute> clearable) {
        return clearable.stream().filter(attribute -> clears(attribute.wireName())).toList();
    }

    private <T> Optional<T> value(String field, Function<JsonNode, T> read, String expected) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        T value = read.apply(node);
        if (value == null) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be " + expected);
        }
        return Optional.of(value);
    }
}
