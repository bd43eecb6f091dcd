package org.ipledger.schemas.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks shared by the command records' constructors. */
final class CommandFields {

    private CommandFields() {
    }

    static String required(String value, String name) {
        Objects.requireNonNull(value, name + " is required");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static long positive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " is required and must be positive, was " + value);
        }
        return value;
    }

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static List<String> allLocationsIfAbsent(List<String> locations) {
        return locations == null ? List.of() : List.copyOf(locations);
    }
}
