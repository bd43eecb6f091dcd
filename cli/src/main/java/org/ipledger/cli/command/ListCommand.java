package org.ipledger.cli.command;

import tools.jackson.databind.node.ArrayNode;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.output.Table;
import picocli.CommandLine.Mixin;

/** A command that shows every item of one of the server's paged lists. */
abstract class ListCommand extends CliCommand {

    @Mixin
    ServerOptions server;

    /** The list's path, such as {@code /api/v1/pools}. */
    abstract String path();

    /** The items as a table for people. */
    abstract Table table(ArrayNode items);

    @Override
    final ExitCode run() {
        ArrayNode items = server.connect(terminal()).list(path());
        if (json) {
            printJson(items);
        } else {
            table(items).print(terminal().out());
        }
        return ExitCode.OK;
    }

    static String emptyMeansAll(String locations) {
        return locations == null || locations.isEmpty() ? "all" : locations;
    }
}
