package org.ipledger.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

/**
 * The data directory of one embedded broker: formatted with a new cluster id the first time,
 * reused with its cluster id afterwards, and held under a file lock while the broker runs.
 *
 * <p>The lock is ours, not Kafka's: in combined mode Kafka locks the directory only once the
 * broker half starts, after the controller half has already opened the metadata log in it.
 */
final class BrokerDataDirectory implements AutoCloseable {

    /** Written by the formatter, last; its presence means a complete format. */
    private static final String META_PROPERTIES = "meta.properties";

    private static final String LOCK_FILE = "ipledger-broker.lock";

    private final Path path;

    private final String clusterId;

    private final FileChannel lockChannel;

    private BrokerDataDirectory(Path path, String clusterId, FileChannel lockChannel) {
        this.path = path;
        this.clusterId = clusterId;
        this.lockChannel = lockChannel;
    }

    /**
     * Formats dir unless it is formatted already, and locks it. superUser's credential is added
     * when formatting, so the broker starts with it.
     *
     * @throws IllegalStateException if another broker, in this JVM or another, uses dir, or if
     *         dir holds something other than a broker's data
     */
    static BrokerDataDirectory open(Path dir, ScramUser superUser) {
        if (!Files.isRegularFile(dir.resolve(META_PROPERTIES))) {
            format(dir, superUser);
        }
        FileChannel lockChannel = lock(dir);
        try {
            return new BrokerDataDirectory(dir, readClusterId(dir), lockChannel);
        }
        catch (RuntimeException ex) {
            closeQuietly(lockChannel);
            throw ex;
        }
    }

    Path path() {
        return this.path;
    }

    String clusterId() {
        return this.clusterId;
    }

    /** Releases the lock; the data stays. */
    @Override
    public void close() {
        try {
            this.lockChannel.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not unlock " + this.path, ex);
        }
    }

    /**
     * Formats in a sibling directory that is moved into place when complete, so that an
     * interrupted format never leaves a half-formatted data directory behind.
     */
    private static void format(Path dir, ScramUser superUser) {
        requireMissingOrEmpty(dir);
        Path staging = dir.resolveSibling(dir.getFileName() + ".formatting");
        try {
            FileTree.delete(staging);
            Files.createDirectories(staging);
            KraftNode.format(staging, Uuid.randomUuid().toString(), superUser);
            Files.deleteIfExists(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not format the Kafka data directory " + dir, ex);
        }
        finally {
            FileTree.delete(staging);
        }
    }

    private static FileChannel lock(Path dir) {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not open the lock file of " + dir, ex);
        }
        if (!tryLock(channel, dir)) {
            closeQuietly(channel);
            throw new IllegalStateException("The Kafka data directory " + dir
                    + " is in use by another embedded broker: stop that broker first");
        }
        return channel;
    }

    /** False if another process or this very JVM holds the lock. */
    private static boolean tryLock(FileChannel channel, Path dir) {
        try {
            return channel.tryLock() != null;
        }
        catch (OverlappingFileLockException ex) {
            return false;
        }
        catch (IOException ex) {
            closeQuietly(channel);
            throw new UncheckedIOException("Could not lock the Kafka data directory " + dir, ex);
        }
    }

    private static String readClusterId(Path dir) {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(META_PROPERTIES))) {
            meta.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + dir.resolve(META_PROPERTIES), ex);
        }
        String clusterId = meta.getProperty("cluster.id");
        if (clusterId == null) {
            throw new IllegalStateException(dir.resolve(META_PROPERTIES) + " has no cluster.id");
        }
        return clusterId;
    }

    private static void requireMissingOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException(dir + " is neither empty nor a Kafka data directory;"
                        + " refusing to format it");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + dir, ex);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        }
        catch (IOException ex) {
            // Closing releases the lock, if any; nothing else to undo.
        }
    }

}
