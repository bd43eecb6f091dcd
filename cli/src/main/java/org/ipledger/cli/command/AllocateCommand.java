package org.ipledger.cli.command;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.http.LedgerServer;
import org.ipledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ipledger allocate}: the lowest free addresses of a pool, or one given address. */
@Command(name = "allocate", description = "Allocate addresses from a pool.")
final class AllocateCommand extends CliCommand {

    @Mixin
    ServerOptions server;

    @Option(names = "--pool", required = true, paramLabel = "ID", description = "The pool to allocate from.")
    long pool;

    @Option(names = "--count", paramLabel = "N", description = "How many addresses (default 1).")
    Integer count;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Allocate this address rather than the lowest free one.")
    String address;

    @Option(names = "--owner", paramLabel = "NAME", description = "The VM or server the addresses belong to (stays on the platform).")
    String owner;

    @Option(names = "--request-id", paramLabel = "UUID",
            description = "Makes a retry safe: the same id gets the same answer and no second allocation (default: a new one).")
    String requestId;

    @Override
    ExitCode run() {
        ObjectNode body = LedgerServer.JSON.createObjectNode()
                .put("requestId", requestId != null ? requestId : UUID.randomUUID().toString());
        if (count != null) {
            body.put("count", count);
        }
        if (address != null) {
            body.put("address", address);
        }
        if (owner != null) {
            body.put("owner", owner);
        }
        JsonNode allocated = server.connect(terminal()).post("/api/v1/pools/" + pool + "/allocations", body);
        if (json) {
            printJson(allocated);
            return ExitCode.OK;
        }
        Table table = new Table("ADDRESS", "STATUS", "POOL", "NETWORK");
        allocated.path("addresses").forEach(a -> table.row(text(a, "address"), text(a, "status"), text(a, "poolId"),
                text(a, "networkId")));
        table.print(terminal().out());
        return ExitCode.OK;
    }
}
