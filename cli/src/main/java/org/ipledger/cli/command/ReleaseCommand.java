package org.ipledger.cli.command;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ipledger release ADDRESS}: gives an address back; releasing a free one is not an error. */
@Command(name = "release", description = "Release an address.")
final class ReleaseCommand extends CliCommand {

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ADDRESS", description = "The address to release.")
    String address;

    @Override
    ExitCode run() {
        server.connect(terminal()).delete("/api/v1/addresses/" + address);
        if (json) {
            printJson(LedgerServer.JSON.createObjectNode().put("address", address).put("released", true));
        } else {
            terminal().out().println("released " + address);
        }
        return ExitCode.OK;
    }
}
