package org.ipledger.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ipledger.schemas.change.ChangesMessage;
import org.ipledger.schemas.command.Command;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.reply.CommandReply;

/**
 * The example files under {@code examples/<family>/<schema>.v1[.<variant>].json} and what they
 * are examples of.
 */
final class ExampleFiles {

    private ExampleFiles() {
    }

    /** One example: its path relative to {@code examples/}, e.g. {@code command/allocate.v1.json}. */
    record Example(String path) {

        String family() {
            return path.substring(0, path.indexOf('/'));
        }

        /** The name of its own schema, e.g. {@code command/allocate.v1}. */
        String schemaName() {
            return path.substring(0, path.indexOf(".v1") + ".v1".length());
        }

        /** The name of the schema of every value of its topic. */
        String topicSchemaName() {
            return switch (family()) {
                case "command" -> SchemaNames.COMMAND;
                case "reply" -> SchemaNames.REPLY;
                case "change" -> SchemaNames.CHANGES_MESSAGE;
                case "ledger" -> SchemaNames.LEDGER_ENTRY;
                default -> throw new IllegalStateException("unknown family " + family());
            };
        }

        /** The record type its topic's values are read as. */
        Class<?> messageType() {
            return switch (family()) {
                case "command" -> Command.class;
                case "reply" -> CommandReply.class;
                case "change" -> ChangesMessage.class;
                case "ledger" -> LedgerEntry.class;
                default -> throw new IllegalStateException("unknown family " + family());
            };
        }

        byte[] bytes() {
            try {
                return Files.readAllBytes(root("examples").resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static List<Example> all() {
        return relativeFiles("examples").stream().map(Example::new).toList();
    }

    /** Paths of all files under a classpath directory, relative to it, with '/' separators. */
    static List<String> relativeFiles(String directory) {
        Path root = root(directory);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root(String directory) {
        try {
            return Path.of(ExampleFiles.class.getClassLoader().getResource(directory).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
