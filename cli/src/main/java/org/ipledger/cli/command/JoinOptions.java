package org.ipledger.cli.command;

import tools.jackson.databind.node.ObjectNode;

import org.ipledger.cli.Terminal;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Option;

/** An agent and what it needs to join a master: the master's URL and an administrator's e-mail and password. */
final class JoinOptions {

    @Option(names = "--agent", required = true, paramLabel = "URL", description = "The platform's agent.")
    String agent;

    @Option(names = "--master", required = true, paramLabel = "URL", description = "The master to join.")
    String master;

    @Option(names = "--email", paramLabel = "EMAIL", required = true, description = "An administrator of the master; the password is asked for without echo.")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    LedgerServer agent() {
        return LedgerServer.at("agent", agent);
    }

    /** The body of the join and of the preflight: {@code {masterUrl, email, password}}, the password asked for now. */
    ObjectNode request(Terminal terminal) {
        char[] password = terminal.readPassword("Password of " + email + " on the master: ", passwordStdin);
        return LedgerServer.JSON.createObjectNode().put("masterUrl", master).put("email", email)
                .put("password", new String(password));
    }
}
