package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletion of a directory with everything in it. */
final class FileTree {

    private FileTree() {
    }

    /** Deletes path and, if it is a directory, its contents; a missing path is fine. */
    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            // Deepest first, so every directory is empty by the time it is deleted.
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + path, ex);
        }
    }

}
