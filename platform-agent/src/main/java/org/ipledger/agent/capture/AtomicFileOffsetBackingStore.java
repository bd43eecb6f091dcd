package org.ipledger.agent.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.debezium.embedded.KafkaConnectUtil;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * Kafka Connect's file offset store, written the way Kafka writes its own checkpoint files: to a
 * temporary file, synced, then moved over the old one. The original truncates the file and
 * rewrites it in place at every flush, and an agent killed in between started again with no
 * offsets at all: Debezium then began at the binlog's end and silently skipped every row written
 * while the agent was down. Now a kill at any moment leaves the previous or the new offsets whole.
 * Reading is the original's (same format). The original's list of each connector's partitions,
 * kept for Connect's REST API, is not updated here: the embedded engine never asks for it.
 */
public class AtomicFileOffsetBackingStore extends FileOffsetBackingStore {

    private Path file;

    /** Debezium creates the store by its no-argument constructor. */
    public AtomicFileOffsetBackingStore() {
        super(KafkaConnectUtil.converterForOffsetStore());
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        file = Path.of(config.getString(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG));
    }

    /** The offsets stored in {@code file}, one JSON text per connector; none before the first flush. */
    static List<String> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        AtomicFileOffsetBackingStore store = startedOn(file);
        try {
            return store.data.values().stream().filter(Objects::nonNull)
                    .map(value -> StandardCharsets.UTF_8.decode(value.duplicate()).toString()).toList();
        } finally {
            store.stop();
        }
    }

    /** A store of the offsets in {@code file}, started: what the file holds is read. Stop it when done. */
    static AtomicFileOffsetBackingStore startedOn(Path file) {
        AtomicFileOffsetBackingStore store = new AtomicFileOffsetBackingStore();
        store.configure(new StandaloneConfig(Map.of(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, file.toString(),
                WorkerConfig.KEY_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName(),
                WorkerConfig.VALUE_CONVERTER_CLASS_CONFIG, JsonConverter.class.getName())));
        store.start();
        return store;
    }

    @Override
    protected void save() {
        Path written = file.resolveSibling(file.getFileName() + ".tmp");
        Map<byte[], byte[]> raw = new HashMap<>();
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
            raw.put(entry.getKey() == null ? null : entry.getKey().array(),
                    entry.getValue() == null ? null : entry.getValue().array());
        }
        try (FileOutputStream out = new FileOutputStream(written.toFile());
             ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(raw);
            objects.flush();
            out.getFD().sync();
        } catch (IOException e) {
            throw new ConnectException("cannot write the capture offsets to " + written, e);
        }
        try {
            Utils.atomicMoveWithFallback(written, file);
        } catch (IOException e) {
            throw new ConnectException("cannot move the capture offsets to " + file, e);
        }
    }
}
