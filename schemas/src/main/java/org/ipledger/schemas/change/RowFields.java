package org.ipledger.schemas.change;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Checks shared by the constructors of this package's records. */
final class RowFields {

    private RowFields() {
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, name + " is required");
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

    static <T> List<T> emptyIfAbsent(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
