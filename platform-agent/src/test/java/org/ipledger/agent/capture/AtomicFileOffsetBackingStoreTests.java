package org.ipledger.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture's offsets survive a kill at any moment of a flush: the offsets file is only ever
 * replaced whole (Kafka Connect's own store truncates and rewrites it), and what a kill can leave
 * behind, a half-written temporary file, is ignored.
 */
class AtomicFileOffsetBackingStoreTests {

    private static final ByteBuffer KEY = bytes("[\"ipledger-capture\",{\"server\":\"ipledger_vmmanager_1\"}]");

    @TempDir
    Path dir;

    @Test
    void offsetsSavedAreReadBackByTheNextStart() throws Exception {
        save("{\"file\":\"mariadb-bin.000001\",\"pos\":4711}");

        assertThat(load()).isEqualTo("{\"file\":\"mariadb-bin.000001\",\"pos\":4711}");
    }

    @Test
    void aFlushReplacesTheOffsetsFileInsteadOfRewritingItInPlace() throws Exception {
        save("{\"file\":\"mariadb-bin.000001\",\"pos\":4711}");
        Path offsets = dir.resolve("offsets.dat");
        byte[] before = Files.readAllBytes(offsets);
        // A second name for the file as it is now: rewriting it in place would change it too,
        // and a kill in the middle of that rewrite would leave it empty or cut off.
        Path previous = Files.createLink(dir.resolve("previous.dat"), offsets);

        save("{\"file\":\"mariadb-bin.000001\",\"pos\":9000}");

        assertThat(Files.readAllBytes(previous)).isEqualTo(before);
        assertThat(load()).isEqualTo("{\"file\":\"mariadb-bin.000001\",\"pos\":9000}");
    }

    @Test
    void whatAKillInTheMiddleOfAFlushLeavesIsIgnored() throws Exception {
        save("{\"file\":\"mariadb-bin.000001\",\"pos\":4711}");
        // All a kill in the middle of the next flush leaves: its temporary file, half written.
        Files.write(dir.resolve("offsets.dat.tmp"), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73});

        assertThat(load()).isEqualTo("{\"file\":\"mariadb-bin.000001\",\"pos\":4711}");
        save("{\"file\":\"mariadb-bin.000001\",\"pos\":9000}");
        assertThat(load()).isEqualTo("{\"file\":\"mariadb-bin.000001\",\"pos\":9000}");
    }

    private void save(String offset) throws Exception {
        AtomicFileOffsetBackingStore store = started();
        try {
            store.set(Map.of(KEY, bytes(offset)), null).get();
        } finally {
            store.stop();
        }
    }

    private String load() throws Exception {
        AtomicFileOffsetBackingStore store = started();
        try {
            ByteBuffer value = store.get(List.of(KEY)).get().get(KEY);
            return value == null ? null : StandardCharsets.UTF_8.decode(value).toString();
        } finally {
            store.stop();
        }
    }

    private AtomicFileOffsetBackingStore started() {
        return AtomicFileOffsetBackingStore.startedOn(dir.resolve("offsets.dat"));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
