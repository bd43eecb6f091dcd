package org.ipledger.cli.command;

import org.ipledger.cli.Terminal;
import picocli.CommandLine.Command;

/** The {@code ipledger} command and its subcommands. */
@Command(name = "ipledger", mixinStandardHelpOptions = true, version = "ipledger 0.1.0",
        description = "Operate an ipledger master and its platforms' agents.",
        subcommands = {StatusCommand.class, JoinCommand.class, PreflightCommand.class, AllocateCommand.class,
                ReleaseCommand.class, NetworksCommand.class, PoolsCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  wrong command line or no credentials", "  2  refused by the server (HTTP 4xx: wrong password, unknown pool, conflict)",
                "  3  server unreachable", "  4  server error (HTTP 5xx, 503 while an agent is unconfigured or draining)",
                "  5  done, but negative: the join failed, the preflight found conflicts"})
public final class IpledgerCommand implements Runnable {

    private final Terminal terminal;

    public IpledgerCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    public Terminal terminal() {
        return terminal;
    }

    /** {@code ipledger} alone: the usage, as a usage error. */
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a command is missing");
    }
}
