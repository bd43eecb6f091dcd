package org.ipledger.schemas;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks shared by the constructors of the message records, each failing with the field's name. */
public final class RecordChecks {

    private RecordChecks() {
    }

    public static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, name + " is required");
    }

    public static String requiredText(String value, String name) {
        required(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " is required and must be positive, was " + value);
        }
        return value;
    }

    public static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    /** An immutable copy; absent means empty (for locations: all locations). */
    public static <T> List<T> emptyIfAbsent(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
