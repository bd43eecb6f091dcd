package org.ipledger.cli.command;

import tools.jackson.databind.node.ArrayNode;

import org.ipledger.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code ipledger pools}: every pool the server shows. */
@Command(name = "pools", description = "List the pools.")
final class PoolsCommand extends ListCommand {

    @Override
    String path() {
        return "/api/v1/pools";
    }

    @Override
    Table table(ArrayNode pools) {
        Table table = new Table("ID", "NAME", "LOCATIONS", "PLATFORM", "NOTE");
        pools.forEach(p -> table.row(text(p, "id"), text(p, "name"), emptyMeansAll(text(p, "locations")),
                text(p, "platformId"), text(p, "note")));
        return table;
    }
}
