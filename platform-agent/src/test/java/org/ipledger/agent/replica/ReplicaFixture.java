package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.PlatformRegistration;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An agent joined to a master for replica tests: registered directly over the master's REST API,
 * with its replica started as the integration would start it.
 */
final class ReplicaFixture implements AutoCloseable {

    /**
     * Spring Security is on the test classpath only because the master is; the agent's own
     * authentication is not this package's, so the reads are tested without it.
     */
    private static final String NO_SECURITY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

    final AgentInstance agent;
    final MasterLink link;
    final ApiClient reads;

    private ReplicaFixture(AgentInstance agent, MasterLink link) {
        this.agent = agent;
        this.link = link;
        this.reads = new ApiClient(agent.baseUrl(), null);
    }

    /**
     * Starts a master in this JVM. The agent's application.yml shadows the master's on the test
     * classpath, so what of the master's matters here is given as arguments.
     */
    static MasterInstance startMaster(LedgerDatabase database) {
        return database.startMaster("spring.flyway.locations=classpath:db/migration",
                "spring.application.name=master-service", "spring.datasource.hikari.maximum-pool-size=20",
                "spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED",
                "spring.datasource.hikari.data-source-properties.rewriteBatchedStatements=true");
    }

    /** Starts an agent on a fresh platform database, joins it and waits until its replica is at the master's last seq. */
    static ReplicaFixture joined(MasterInstance master, LedgerDatabase database, Path dataDir, String... properties) {
        AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh(), withoutSecurity(properties));
        MasterLink link = PlatformRegistration.register(master, "replica-" + dataDir.getFileName());
        ReplicaFixture fixture = new ReplicaFixture(agent, link);
        fixture.storeIntegration();
        fixture.replica().start(link);
        fixture.awaitMaster(database);
        return fixture;
    }

    /** Starts an agent again on the state of an earlier one, and its replica with the same link. */
    static ReplicaFixture restarted(Path dataDir, MasterLink link, String... properties) {
        AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh(), withoutSecurity(properties));
        ReplicaFixture fixture = new ReplicaFixture(agent, link);
        fixture.replica().start(link);
        return fixture;
    }

    private static String[] withoutSecurity(String[] properties) {
        String[] all = java.util.Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = NO_SECURITY;
        return all;
    }

    Replica replica() {
        return agent.bean(Replica.class);
    }

    JdbcClient state() {
        return agent.bean(JdbcClient.class);
    }

    /** Waits until the replica has applied everything the master has numbered so far. */
    void awaitMaster(LedgerDatabase database) {
        long seq = lastSeq(database);
        assertThat(replica().awaitSeq(seq, Duration.ofSeconds(60)))
                .as("replica at seq %d within 60 s, is at %d", seq, replica().appliedSeq()).isTrue();
    }

    static long lastSeq(LedgerDatabase database) {
        database.ledgerIsGapFree();
        return database.count("SELECT COALESCE(MAX(seq), 0) FROM ledger_outbox");
    }

    /**
     * Stores the link as the join does, so that an agent restarted on this state resumes the
     * replica on its own once the integration publishes its state at start.
     */
    private void storeIntegration() {
        state().sql("""
                UPDATE integration SET state = 'active', master_url = ?, platform_id = ?, platform_secret = ?,
                    platform_token = ?, bootstrap_servers = ?, topic_prefix = ? WHERE id = 1""")
                .params(link.masterUrl(), link.platformId(), link.secret(), link.token(), link.bootstrapServers(),
                        link.topics().prefix())
                .update();
    }

    @Override
    public void close() {
        agent.close();
    }
}
