package org.ipledger.cli.command;

import org.ipledger.cli.Terminal;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The server an address-space command talks to (a master or an agent) and how to log in to it. */
final class ServerOptions {

    static final String URL_ENV = "IPLEDGER_URL";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL",
            description = "The master or agent (default: $IPLEDGER_URL, else " + DEFAULT_URL + ").")
    String url;

    @Mixin
    LoginOptions login;

    /** The server, logged in. */
    LedgerServer connect(Terminal terminal) {
        String target = url != null ? url : terminal.env(URL_ENV).orElse(DEFAULT_URL);
        return login.required(LedgerServer.at("server", target), terminal);
    }
}
