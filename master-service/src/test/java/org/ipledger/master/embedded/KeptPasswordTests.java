package org.ipledger.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptPasswordTests {

    @TempDir
    Path dataDir;

    @Test
    void aPasswordIsGeneratedOnceReadableByItsOwnerOnlyAndFoundAgain() throws IOException {
        Path file = dataDir.resolve("kafka-password");

        String first = KeptPassword.in(file);
        String again = KeptPassword.in(file);

        assertThat(first).matches("[A-Za-z0-9_-]{43}").isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
