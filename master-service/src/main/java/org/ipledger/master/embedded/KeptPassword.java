package org.ipledger.master.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A password generated the first time it is needed and kept in a file only its owner can read
 * (mode 0600), so that the next start finds the same one.
 */
final class KeptPassword {

    /** 256 bits, as URL-safe Base64: nothing a Kafka credential or JAAS option must escape. */
    private static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptPassword() {
    }

    static String in(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] bytes = new byte[BYTES];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            // Written aside and moved into place: a crash never leaves a half-written password.
            Path staging = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(staging, password, StandardCharsets.UTF_8);
            Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a password in " + file, e);
        }
    }
}
