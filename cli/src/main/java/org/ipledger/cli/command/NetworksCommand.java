package org.ipledger.cli.command;

import tools.jackson.databind.node.ArrayNode;

import org.ipledger.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code ipledger networks}: every network the server shows. */
@Command(name = "networks", description = "List the networks.")
final class NetworksCommand extends ListCommand {

    @Override
    String path() {
        return "/api/v1/networks";
    }

    @Override
    Table table(ArrayNode networks) {
        Table table = new Table("ID", "CIDR", "NAME", "GATEWAY", "VLAN", "LOCATIONS", "PLATFORM");
        networks.forEach(n -> table.row(text(n, "id"), text(n, "cidr"), text(n, "name"), text(n, "gateway"),
                text(n, "vlan"), emptyMeansAll(text(n, "locations")), text(n, "platformId")));
        return table;
    }
}
