package org.ipledger.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.agent.integration.MasterLink;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An agent joined to a master through {@code PUT /api/v1/integration}, whose replica the
 * integration started, with a client logged in through the agent for its reads. Public for the
 * replica benchmark in {@code bench}.
 */
public final class ReplicaFixture implements AutoCloseable {

    public final AgentInstance agent;
    final MasterLink link;
    /** Logged in through the agent as the master's first administrator. */
    public final ApiClient reads;

    private ReplicaFixture(AgentInstance agent, MasterLink link, ApiClient reads) {
        this.agent = agent;
        this.link = link;
        this.reads = reads;
    }

    /** Starts an agent on a fresh platform database, joins it and waits until its replica is at the master's last seq. */
    public static ReplicaFixture joined(MasterInstance master, LedgerDatabase database, Path dataDir, String... properties) {
        AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh(), properties);
        ApiClient anonymous = agent.operator();
        ApiClient.Response join = anonymous.send(anonymous.request("/api/v1/integration")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"masterUrl": "%s", "email": "%s", "password": "%s"}""".formatted(master.baseUrl(),
                        MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD))));
        assertThat(join.status()).as(join.body()).isBetween(200, 202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> agent.bean(IntegrationService.class).current()
                .state().code().equals("active"));
        MasterLink link = agent.bean(IntegrationService.class).current().link().orElseThrow();
        ReplicaFixture fixture = new ReplicaFixture(agent, link,
                ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD));
        fixture.awaitMaster(database);
        return fixture;
    }

    /** Starts an agent again on the state of an earlier one; its token was kept by the agent. */
    static ReplicaFixture restarted(Path dataDir, ReplicaFixture earlier) {
        AgentInstance agent = AgentInstance.start(dataDir, PlatformDatabases.fresh());
        ReplicaFixture fixture = new ReplicaFixture(agent, earlier.link, new ApiClient(agent.baseUrl(),
                earlier.reads.token()));
        fixture.replica().start(earlier.link);
        return fixture;
    }

    public Replica replica() {
        return agent.bean(Replica.class);
    }

    public JdbcClient state() {
        return agent.bean(JdbcClient.class);
    }

    /** Waits until the replica has applied everything the master has numbered so far. */
    public void awaitMaster(LedgerDatabase database) {
        long seq = lastSeq(database);
        assertThat(replica().awaitSeq(seq, Duration.ofSeconds(60)))
                .as("replica at seq %d within 60 s, is at %d", seq, replica().appliedSeq()).isTrue();
    }

    static long lastSeq(LedgerDatabase database) {
        database.ledgerIsGapFree();
        return database.count("SELECT COALESCE(MAX(seq), 0) FROM ledger_entry");
    }

    @Override
    public void close() {
        agent.close();
    }
}
