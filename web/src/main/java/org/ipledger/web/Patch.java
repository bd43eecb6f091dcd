package org.ipledger.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON merge-patch body ({@code PATCH}): a field that is absent keeps its current value, a field
 * that is null is cleared. Fields outside the changeable set are refused by name.
 */
public final class Patch {

    private final Map<String, Object> fields;

    public Patch(Map<String, Object> fields, Set<String> changeable) {
        if (fields == null || fields.isEmpty()) {
            throw ApiException.badRequest("empty_patch", "The body must name at least one field to change: " + changeable + ".");
        }
        for (String name : fields.keySet()) {
            if (!changeable.contains(name)) {
                throw ApiException.badRequest("unknown_field",
                        "Unknown or unchangeable field '" + name + "'; changeable fields are " + changeable + ".");
            }
        }
        this.fields = fields;
    }

    public String string(String name, String current) {
        return value(name, String.class, "a string", current);
    }

    public Integer integer(String name, Integer current) {
        return value(name, Integer.class, "an integer", current);
    }

    public Boolean bool(String name, Boolean current) {
        return value(name, Boolean.class, "true or false", current);
    }

    /** Whether the body sets the field to null, that is, clears it. */
    public boolean clears(String name) {
        return fields.containsKey(name) && fields.get(name) == null;
    }

    public List<String> strings(String name, List<String> current) {
        if (!fields.containsKey(name)) {
            return current;
        }
        Object value = fields.get(name);
        if (value != null && !(value instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw ApiException.badRequest("invalid_field", name + " must be a list of strings.");
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) value;
        return strings;
    }

    private <T> T value(String name, Class<T> type, String what, T current) {
        if (!fields.containsKey(name)) {
            return current;
        }
        Object value = fields.get(name);
        if (value != null && !type.isInstance(value)) {
            throw ApiException.badRequest("invalid_field", name + " must be " + what + ".");
        }
        return type.cast(value);
    }
}
