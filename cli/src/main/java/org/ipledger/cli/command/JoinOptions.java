package org.ipledger.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.node.ObjectNode;

import org.ipledger.cli.CliFailure;
import org.ipledger.cli.ExitCode;
import org.ipledger.cli.Terminal;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Option;

/** An agent and what it needs to join a master: the master's URL and an administrator's e-mail and password. */
final class JoinOptions {

    private static final String SETUP_TOKEN_HEADER = "X-Ipledger-Setup-Token";

    @Option(names = "--agent", required = true, paramLabel = "URL", description = "The platform's agent.")
    String agent;

    @Option(names = "--master", required = true, paramLabel = "URL", description = "The master to join.")
    String master;

    @Option(names = "--email", paramLabel = "EMAIL", required = true, description = "An administrator of the master; the password is asked for without echo.")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--setup-token-file", paramLabel = "FILE", description = "The agent's setup token, which proves "
            + "the join comes from its operator: the file setup-token in the agent's data directory.")
    Path setupTokenFile;

    /** The agent, with its setup token when a file is given. */
    LedgerServer agent() {
        LedgerServer server = LedgerServer.at("agent", agent);
        return setupTokenFile == null ? server : server.withHeader(SETUP_TOKEN_HEADER, setupToken());
    }

    private String setupToken() {
        try {
            String token = Files.readString(setupTokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, "the setup token file " + setupTokenFile + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read the setup token file " + setupTokenFile + ": " + e);
        }
    }

    /** The body of the join and of the preflight: {@code {masterUrl, email, password}}, the password asked for now. */
    ObjectNode request(Terminal terminal) {
        char[] password = terminal.readPassword("Password of " + email + " on the master: ", passwordStdin);
        return LedgerServer.JSON.createObjectNode().put("masterUrl", master).put("email", email)
                .put("password", new String(password));
    }
}
