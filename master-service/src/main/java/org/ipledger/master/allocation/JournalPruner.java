package org.ipledger.master.allocation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes pool journal entries older than the retention. An instance whose index is older than
 * that finds a gap in the journal and rebuilds the index from the address table.
 */
@Component
class JournalPruner {

    private final JdbcClient jdbc;
    private final AllocationProperties properties;

    JournalPruner(JdbcClient jdbc, AllocationProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void prune() {
        jdbc.sql("DELETE FROM ippool_journal WHERE created_at < DATE_SUB(UTC_TIMESTAMP(6), INTERVAL ? SECOND) LIMIT 10000")
                .param(properties.journalRetention().toSeconds())
                .update();
    }
}
