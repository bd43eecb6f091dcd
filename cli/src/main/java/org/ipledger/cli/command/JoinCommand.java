package org.ipledger.cli.command;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

import org.ipledger.cli.CliFailure;
import org.ipledger.cli.ExitCode;
import org.ipledger.cli.http.LedgerServer;
import org.ipledger.cli.output.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ipledger join}: makes an agent join a master, then follows the migration of the
 * platform's address space with a progress bar until the integration is active or failed.
 */
@Command(name = "join", description = "Join a platform's agent to a master and follow its migration.")
final class JoinCommand extends CliCommand {

    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    JoinOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Give up following the migration after this long (default ${DEFAULT-VALUE} s); the migration goes on.")
    long timeoutSeconds;

    @Override
    ExitCode run() {
        LedgerServer agent = options.agent();
        JsonNode status = agent.put("/api/v1/integration", options.request(terminal()));
        ProgressBar progress = new ProgressBar(terminal().err(), terminal().interactive());
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        while (!finished(status)) {
            show(progress, status);
            if (Instant.now().isAfter(deadline)) {
                progress.finish();
                throw new CliFailure(ExitCode.SERVER_ERROR, "the agent at " + agent.url() + " is still "
                        + text(status, "state") + " after " + timeoutSeconds + " s; follow it with 'ipledger status --agent'");
            }
            pause();
            status = agent.get("/api/v1/integration");
        }
        show(progress, status);
        progress.finish();
        return report(agent, status);
    }

    private ExitCode report(LedgerServer agent, JsonNode status) {
        if (json) {
            printJson(status);
        }
        if ("active".equals(text(status, "state"))) {
            if (!json) {
                terminal().out().println("joined: platform " + text(status, "platformId") + " is active on " + text(status, "masterUrl"));
            }
            return ExitCode.OK;
        }
        terminal().err().println("ipledger: the join of the agent at " + agent.url() + " failed: "
                + text(status, "message") + " (" + text(status, "error") + ")");
        return ExitCode.NEGATIVE_OUTCOME;
    }

    private static boolean finished(JsonNode status) {
        String state = text(status, "state");
        return "active".equals(state) || "failed".equals(state);
    }

    private static void show(ProgressBar progress, JsonNode status) {
        JsonNode migration = status.path("migration");
        progress.show(text(status, "state"), migration.path("done").asLong(0), migration.path("total").asLong(0));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.SERVER_ERROR, "interrupted while following the migration");
        }
    }
}
