package org.ipledger.cli.command;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ipledger preflight}: what joining would run into, as a table of conflicts; changes
 * nothing. Exits with {@link ExitCode#NEGATIVE_OUTCOME} when there are conflicts, so a script
 * can run the join only after a clean preflight.
 */
@Command(name = "preflight", description = "Show the conflicts a join would meet, changing nothing.")
final class PreflightCommand extends CliCommand {

    @Mixin
    JoinOptions options;

    @Override
    ExitCode run() {
        JsonNode answer = options.agent().post("/api/v1/integration/preflight", options.request(terminal()));
        JsonNode conflicts = answer.path("conflicts");
        if (json) {
            printJson(answer);
        } else {
            print(answer);
        }
        return conflicts.isEmpty() ? ExitCode.OK : ExitCode.NEGATIVE_OUTCOME;
    }

    private void print(JsonNode answer) {
        JsonNode conflicts = answer.path("conflicts");
        if (conflicts.isEmpty()) {
            terminal().out().println("no conflicts: the platform can join");
        } else {
            Table table = new Table("KIND", "LOCAL", "MASTER", "MESSAGE");
            conflicts.forEach(c -> table.row(text(c, "kind"), row(c.path("local")), row(c.path("master")), text(c, "message")));
            table.print(terminal().out());
            terminal().out().println(conflicts.size() + (conflicts.size() == 1 ? " conflict" : " conflicts"));
        }
        answer.path("merges").forEach(m -> terminal().out().println("merges: local network " + text(m, "localNetworkId")
                + " into the master's network " + text(m, "masterNetworkId")));
    }

    /** A row named by its table and id, then its other fields: {@code ipnet 1 cidr=10.0.0.0/24}. */
    static String row(JsonNode row) {
        if (!row.isObject()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        text.append(row.path("table").asString("")).append(' ').append(row.path("id").asString("")).append(' ');
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (!field.getKey().equals("table") && !field.getKey().equals("id") && !field.getValue().isNull()) {
                text.append(field.getKey()).append('=').append(field.getValue().asString()).append(' ');
            }
        }
        return text.toString().strip();
    }
}
