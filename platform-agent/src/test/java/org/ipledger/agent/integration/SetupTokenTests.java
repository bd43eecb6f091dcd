package org.ipledger.agent.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.ipledger.agent.AgentProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup token is made once, readable by the agent's user only, and kept across restarts. */
class SetupTokenTests {

    @TempDir
    Path dataDir;

    @Test
    void firstStartWritesARandomTokenReadableByTheOwnerOnly() throws IOException {
        SetupToken token = new SetupToken(properties());

        Path file = dataDir.resolve(SetupToken.FILE_NAME);
        String written = Files.readString(file).strip();
        assertThat(written).matches("[0-9a-f]{64}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(token.matches(written)).isTrue();
        assertThat(token.matches(written + "\n")).isTrue();
        assertThat(token.matches("0".repeat(64))).isFalse();
        assertThat(token.matches("")).isFalse();
    }

    @Test
    void aRestartKeepsTheTokenAndAnotherDataDirectoryHasItsOwn(@TempDir Path other) {
        new SetupToken(properties());
        String first = read(dataDir);

        SetupToken again = new SetupToken(properties());
        new SetupToken(new AgentProperties(other, properties().agent()));

        assertThat(again.matches(first)).isTrue();
        assertThat(read(other)).isNotEqualTo(first);
    }

    @Test
    void anEmptyFileLeftByACrashGetsAFreshToken() throws IOException {
        Files.writeString(dataDir.resolve(SetupToken.FILE_NAME), "");

        SetupToken token = new SetupToken(properties());

        assertThat(read(dataDir)).matches("[0-9a-f]{64}");
        assertThat(token.matches("")).isFalse();
    }

    private AgentProperties properties() {
        return new AgentProperties(dataDir, new AgentProperties.Platform(new AgentProperties.PlatformDb("", "root", ""),
                "vmmanager", "", List.of(), new AgentProperties.Join("", "", ""),
                new AgentProperties.Capture(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30),
                        Duration.ofMillis(10)), false));
    }

    private static String read(Path dir) {
        try {
            return Files.readString(dir.resolve(SetupToken.FILE_NAME)).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
