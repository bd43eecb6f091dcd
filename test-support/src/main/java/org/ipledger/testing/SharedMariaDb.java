package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipledger.embedded.EmbeddedMariaDb;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The MariaDB server (ROW binlog, 127.0.0.1) shared by every test of a JVM, with a fresh
 * database per test class. Its data is thrown away when it stops.
 *
 * <pre>
 * &#64;ExtendWith(SharedMariaDb.class)
 * class AllocationIT {
 *
 *     static String url;
 *
 *     &#64;BeforeAll
 *     static void createDatabase() {
 *         url = SharedMariaDb.newDatabase("allocation");
 *     }
 * }
 * </pre>
 *
 * The extension only arranges for the server to stop when the run ends; the server starts on
 * the first call to {@link #server()} or {@link #newDatabase(String)}. All methods are safe to
 * call from tests running in parallel.
 */
public final class SharedMariaDb implements BeforeAllCallback {

    /** Change capture clients in tests must pick another id. */
    public static final int SERVER_ID = 1;

    /** Leaves room for the counter within MariaDB's 64 characters. */
    private static final int MAX_PREFIX_LENGTH = 48;

    private static final SharedFixture<EmbeddedMariaDb> FIXTURE =
            new SharedFixture<>("shared MariaDB", SharedMariaDb::startServer);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        FIXTURE.stopWhenRunEnds(context);
    }

    /** The shared server, started if this is the first use. */
    public static EmbeddedMariaDb server() {
        return FIXTURE.get();
    }

    /**
     * Creates an empty database whose name starts with prefix and is used by no one else.
     *
     * @param prefix anything readable, e.g. the test class's name; characters other than
     *        letters, digits and underscores become underscores
     * @return its JDBC URL; log in with {@link EmbeddedMariaDb#username()} and
     *         {@link EmbeddedMariaDb#password()} of {@link #server()}
     */
    public static String newDatabase(String prefix) {
        return server().createDatabase(uniqueName(prefix));
    }

    private static String uniqueName(String prefix) {
        String plain = Objects.requireNonNull(prefix, "prefix")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        return plain.substring(0, Math.min(plain.length(), MAX_PREFIX_LENGTH)) + "_" + DATABASES.incrementAndGet();
    }

    private static EmbeddedMariaDb startServer() {
        try {
            return EmbeddedMariaDb.start(Files.createTempDirectory("ipledger-test-mariadb-"), false, 0, SERVER_ID);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a data directory for the shared MariaDB", ex);
        }
    }

}
