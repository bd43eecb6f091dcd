package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;

import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.embedded.EmbeddedMariaDb;

/**
 * Capture resumes only from a binlog file its platform's server still has: a purged one is told
 * apart from a server that cannot be asked, which capture waits for and tries again.
 */
class BinlogResumeIT {

    @TempDir
    Path dir;

    @Test
    void storedOffsetsInAFileTheServerStillHasResume() {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir.resolve("server"), false, 0, 32)) {
            PlatformDatabase platform = PlatformDatabases.freshOn(server);
            storeOffsets(BinlogPosition.current(platform));

            assertThatCode(() -> BinlogResume.check(platform, offsetsFile())).doesNotThrowAnyException();
        }
    }

    @Test
    void noStoredOffsetsNeedNoBinlog() {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir.resolve("server"), false, 0, 33)) {
            PlatformDatabase platform = PlatformDatabases.freshOn(server);

            assertThatCode(() -> BinlogResume.check(platform, offsetsFile())).doesNotThrowAnyException();
        }
    }

    @Test
    void storedOffsetsInAPurgedFileCannotResumeAndTheReasonNamesTheFile() {
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir.resolve("server"), false, 0, 34)) {
            PlatformDatabase platform = PlatformDatabases.freshOn(server);
            BinlogPosition stored = BinlogPosition.current(platform);
            storeOffsets(stored);
            platform.jdbc().sql("FLUSH BINARY LOGS").update();
            platform.jdbc().sql("PURGE BINARY LOGS TO '" + BinlogPosition.current(platform).file() + "'").update();

            assertThatThrownBy(() -> BinlogResume.check(platform, offsetsFile()))
                    .isInstanceOf(BinlogResume.PurgedBinlogException.class)
                    .hasMessageContaining(stored.file())
                    .hasMessageContaining("Detach the agent and join it again");
        }
    }

    @Test
    void aServerThatCannotBeAskedIsNoPurge() {
        PlatformDatabase platform;
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dir.resolve("server"), false, 0, 35)) {
            platform = PlatformDatabases.freshOn(server);
            storeOffsets(BinlogPosition.current(platform));
        }

        assertThatThrownBy(() -> BinlogResume.check(platform, offsetsFile())).isInstanceOf(DataAccessException.class);
    }

    private Path offsetsFile() {
        return CaptureEngineSettings.offsetsFile(dir);
    }

    /** As Debezium stores them: the connector's partition, the position in the binlog. */
    private void storeOffsets(BinlogPosition position) {
        AtomicFileOffsetBackingStore store = AtomicFileOffsetBackingStore.startedOn(offsetsFile());
        try {
            store.set(Map.of(bytes("[\"ipledger-capture\",{\"server\":\"ipledger_vmmanager_1\"}]"),
                    bytes("{\"file\":\"" + position.file() + "\",\"pos\":" + position.position() + "}")), null).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            store.stop();
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
