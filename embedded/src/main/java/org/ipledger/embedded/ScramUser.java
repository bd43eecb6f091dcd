package org.ipledger.embedded;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-512 user of the embedded broker.
 *
 * @param name the principal's name ({@code User:<name>})
 * @param password its password
 */
public record ScramUser(String name, String password) {

    private static final Pattern FORMATTABLE = Pattern.compile("[^\\s,\\[\\]\"]+");

    public ScramUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (!FORMATTABLE.matcher(name).matches() || !FORMATTABLE.matcher(password).matches()) {
            // The storage formatter reads "name=...,password=..." and splits on those characters.
            throw new IllegalArgumentException("a SCRAM user's name and password must be non-empty, without"
                    + " whitespace, quotes, commas or brackets");
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ScramUser[" + this.name + "]";
    }

}
