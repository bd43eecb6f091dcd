package org.ipledger.agent.migration;

import java.util.Map;
import java.util.Optional;

import org.ipledger.agent.integration.AddressSpaceTransfer;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The integration's view of preflight summary and migration. */
@Component
class MigrationTransfer implements AddressSpaceTransfer {

    private final LocalAddressSpace space;
    private final MigrationRun run;

    MigrationTransfer(LocalAddressSpace space, MigrationRun run) {
        this.space = space;
        this.run = run;
    }

    @Override
    public LocalAddressSpace.Summary summary() {
        return space.summary();
    }

    @Override
    public void migrate(MasterLink link) {
        MigrationOutcome outcome = run.migrate(link);
        switch (outcome.result()) {
            case COMPLETED -> { }
            case REJECTED -> throw new ApiException(HttpStatus.CONFLICT, outcome.error().orElse("migration_conflict"),
                    outcome.message().orElse("the master refused a part of the migration"),
                    Map.of("migrationId", outcome.migrationId()), Optional.empty());
            case FAILED -> throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    outcome.error().orElse("migration_interrupted"),
                    outcome.message().orElse("the migration stopped; it resumes when started again"),
                    Map.of("migrationId", outcome.migrationId()), Optional.of(java.time.Duration.ofSeconds(5)));
        }
    }

    @Override
    public Optional<Progress> progress() {
        MigrationProgress progress = run.progress();
        return progress.phase().equals("idle") ? Optional.empty()
                : Optional.of(new Progress(progress.phase(), progress.done(), progress.total()));
    }
}
