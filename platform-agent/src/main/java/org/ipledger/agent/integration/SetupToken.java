package org.ipledger.agent.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.ipledger.agent.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The secret that proves a request to configure the integration comes from this agent's
 * operator: whoever can read {@code <data-dir>/setup-token} on the agent's host. It is made once,
 * on first start, readable by the agent's user only; its path is logged, never the token.
 */
@Component
public class SetupToken {

    /** The request header that carries it. */
    public static final String HEADER = "X-Ipledger-Setup-Token";
    /** Its file in the data directory. */
    public static final String FILE_NAME = "setup-token";

    private static final Logger log = LoggerFactory.getLogger(SetupToken.class);
    private static final int BYTES = 32;

    private final byte[] token;

    SetupToken(AgentProperties properties) {
        Path file = properties.dataDir().resolve(FILE_NAME).toAbsolutePath();
        this.token = readOrCreate(file).getBytes(StandardCharsets.UTF_8);
        log.info("the setup token that PUT /api/v1/integration, preflight, drain and detach ask for is in {}", file);
    }

    /** Whether {@code presented} is the token, compared in constant time. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(token, presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[BYTES];
            new SecureRandom().nextBytes(bytes);
            String fresh = HexFormat.of().formatHex(bytes);
            // A temporary file is created with mode 0600 and moved into place whole, so the token is
            // never readable by others nor half written.
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            Files.writeString(temporary, fresh + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the setup token " + file, e);
        }
    }
}
