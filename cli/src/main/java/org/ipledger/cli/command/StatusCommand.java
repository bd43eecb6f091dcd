package org.ipledger.cli.command;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.ipledger.cli.ExitCode;
import org.ipledger.cli.http.LedgerServer;
import org.ipledger.cli.output.ProgressBar;
import org.ipledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ipledger status}: a master's identity and its platforms (state, last seen, lag), and
 * an agent's integration with the migration's progress. Without {@code --master} or
 * {@code --agent} it asks the server at {@code --url} which of the two it is.
 */
@Command(name = "status", description = "Show a master's platforms or an agent's integration.")
final class StatusCommand extends CliCommand {

    @Option(names = "--master", paramLabel = "URL", description = "A master: its platforms (needs a login).")
    String master;

    @Option(names = "--agent", paramLabel = "URL", description = "An agent: its integration and migration.")
    String agent;

    @Option(names = "--url", paramLabel = "URL", description = "A master or an agent (default: $IPLEDGER_URL, else "
            + ServerOptions.DEFAULT_URL + "), when neither --master nor --agent is given.")
    String url;

    @Mixin
    LoginOptions login;

    @Override
    ExitCode run() {
        ObjectNode report = LedgerServer.JSON.createObjectNode();
        if (master == null && agent == null) {
            String target = url != null ? url : terminal().env(ServerOptions.URL_ENV).orElse(ServerOptions.DEFAULT_URL);
            boolean isAgent = "agent".equals(text(LedgerServer.at("server", target).get("/api/v1/info"), "role"));
            master = isAgent ? null : target;
            agent = isAgent ? target : null;
        }
        if (master != null) {
            report.set("master", masterStatus(LedgerServer.at("master", master)));
        }
        if (agent != null) {
            report.set("agent", LedgerServer.at("agent", agent).get("/api/v1/integration"));
        }
        if (json) {
            printJson(report);
        } else {
            printMaster(report.path("master"));
            printAgent(report.path("agent"));
        }
        return ExitCode.OK;
    }

    private ObjectNode masterStatus(LedgerServer server) {
        ObjectNode status = LedgerServer.JSON.createObjectNode();
        status.put("url", server.url());
        status.set("info", server.get("/api/v1/info"));
        login.authenticate(server, terminal()).ifPresent(loggedIn -> status.set("platforms", loggedIn.list("/api/v1/platforms")));
        return status;
    }

    private void printMaster(JsonNode status) {
        if (status.isMissingNode()) {
            return;
        }
        JsonNode info = status.path("info");
        terminal().out().println("master " + text(status, "url") + ": instance " + text(info, "instanceId") + ", version "
                + text(info, "version"));
        if (!status.has("platforms")) {
            terminal().out().println("platforms: not shown; log in with --email or IPLEDGER_TOKEN to see them");
            return;
        }
        Table table = new Table("PLATFORM", "NAME", "KIND", "STATE", "LAST SEEN", "LAG");
        Instant now = Instant.now();
        status.path("platforms").forEach(p -> table.row(text(p, "id"), text(p, "name"), text(p, "kind"), text(p, "state"),
                lastSeen(text(p, "lastSeenAt"), now), text(p, "lag")));
        if (table.isEmpty()) {
            terminal().out().println("no platforms have joined");
        } else {
            table.print(terminal().out());
        }
    }

    private void printAgent(JsonNode status) {
        if (status.isMissingNode()) {
            return;
        }
        StringBuilder line = new StringBuilder("agent " + agent + ": " + text(status, "state"));
        if (status.hasNonNull("platformId")) {
            line.append(", platform ").append(text(status, "platformId"));
        }
        if (status.hasNonNull("masterUrl")) {
            line.append(", master ").append(text(status, "masterUrl"));
        }
        terminal().out().println(line);
        JsonNode migration = status.path("migration");
        if (migration.path("total").asLong(0) > 0) {
            new ProgressBar(terminal().out(), false).show("migrating", migration.path("done").asLong(), migration.path("total").asLong());
        }
        if (status.hasNonNull("error")) {
            terminal().out().println("error: " + text(status, "message") + " (" + text(status, "error") + ")");
        }
    }

    /** An instant with how long ago it was, for a person reading the table. */
    static String lastSeen(String at, Instant now) {
        if (at == null) {
            return null;
        }
        try {
            long seconds = Math.max(0, Duration.between(Instant.parse(at), now).toSeconds());
            return at + " (" + seconds + " s ago)";
        } catch (DateTimeParseException e) {
            return at;
        }
    }
}
