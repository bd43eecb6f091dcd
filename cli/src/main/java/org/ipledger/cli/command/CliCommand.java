package org.ipledger.cli.command;

import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.Terminal;
import org.ipledger.cli.http.LedgerServer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every subcommand has: the terminal it runs in and {@code --json} for scripts. */
abstract class CliCommand implements Callable<Integer> {

    @ParentCommand
    IpledgerCommand root;

    @Option(names = "--json", description = "Print the server's JSON instead of a table, for scripts.")
    boolean json;

    Terminal terminal() {
        return root.terminal();
    }

    @Override
    public final Integer call() {
        return run().code();
    }

    abstract ExitCode run();

    void printJson(JsonNode node) {
        terminal().out().println(LedgerServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** A text value of a JSON field, or null when absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.isEmpty() ? "" : ",").append(item.asString()));
            return joined.toString();
        }
        return value.asString();
    }
}
