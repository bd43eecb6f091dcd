package org.ipledger.cli.command;

import java.util.Optional;

import org.ipledger.cli.CliFailure;
import org.ipledger.cli.ExitCode;
import org.ipledger.cli.Terminal;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Option;

/**
 * How a command logs in: an e-mail with the password asked for (or read from standard input),
 * or a token from {@code IPLEDGER_TOKEN}.
 */
final class LoginOptions {

    static final String TOKEN_ENV = "IPLEDGER_TOKEN";

    @Option(names = "--email", paramLabel = "EMAIL", description = "Log in as this user; the password is asked for without echo.")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    /** The server with a token, when the command line or the environment gives a way to log in. */
    Optional<LedgerServer> authenticate(LedgerServer server, Terminal terminal) {
        if (email != null) {
            char[] password = terminal.readPassword("Password for " + email + ": ", passwordStdin);
            return Optional.of(server.login(email, password));
        }
        return terminal.env(TOKEN_ENV).map(server::withToken);
    }

    /** The server with a token; without a way to log in, a usage failure that says how. */
    LedgerServer required(LedgerServer server, Terminal terminal) {
        return authenticate(server, terminal).orElseThrow(() -> new CliFailure(ExitCode.USAGE,
                "not logged in: give --email (the password is then asked for) or set " + TOKEN_ENV));
    }
}
