package org.ipledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipledger.cli.CommandLineRun.ipledger;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/**
 * The commands that talk to agents, against a real master and real agents: one whose platform
 * conflicts with the master (preflight), one never joined (preflight, refused join), one each test
 * that joins starts for itself, and one joined before the tests (status, allocate). No test
 * depends on another having run.
 */
class AgentCommandsIT {

    private static final String PASSWORD_LINE = MasterInstance.ADMIN_PASSWORD + "\n";

    @TempDir
    static Path dataDirs;

    private static MasterInstance master;
    private static AgentInstance conflicting;
    private static AgentInstance unjoined;
    private static AgentInstance joined;

    @BeforeAll
    static void start() {
        master = LedgerDatabase.fresh().startMaster();
        new RestFixture(master.adminClient()).network("10.70.0.0/23");
        PlatformDatabase overlapping = PlatformDatabases.fresh();
        overlapping.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'overlap', '10.70.0.0', 24)").update();
        conflicting = AgentInstance.start(dataDirs.resolve("conflicting"), overlapping);
        unjoined = AgentInstance.start(dataDirs.resolve("unjoined"), vmPlatform(82));
        joined = AgentInstance.start(dataDirs.resolve("joined"), vmPlatform(80));
        CommandLineRun join = toAgent("join", joined.baseUrl(), PASSWORD_LINE, "--password-stdin",
                "--setup-token-file", setupTokenFile("joined"));
        assertThat(join.exitCode()).as(join.toString()).isZero();
    }

    /**
     * A platform with network 10.{second}.0.0/24 and pool "vm pool {second}" whose range
     * 10.{second}.0.10-200 has 10.{second}.0.10-59 allocated.
     */
    private static PlatformDatabase vmPlatform(int second) {
        PlatformDatabase platform = PlatformDatabases.fresh();
        String net = "10." + second + ".0.";
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (1, 'vm net', ?, 24)").params(net + "0").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (1, ?)").params("vm pool " + second).update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (1, 1, 1, ?, ?)")
                .params(net + "10", net + "200").update();
        for (int i = 10; i < 60; i++) {
            platform.jdbc().sql("INSERT INTO ip (ippool, addr, status, owner) VALUES (1, ?, 'allocated', ?)")
                    .params(net + i, "vm-" + i).update();
        }
        return platform;
    }

    @AfterAll
    static void stop() {
        joined.close();
        unjoined.close();
        conflicting.close();
        master.close();
    }

    @Test
    void preflightShowsTheConflictsAsATableAndExitsWith5() {
        CommandLineRun run = toAgent("preflight", conflicting.baseUrl(), PASSWORD_LINE,
                "--setup-token-file", setupTokenFile("conflicting"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.NEGATIVE_OUTCOME.code());
        assertThat(run.out()).startsWith("KIND").contains("LOCAL").contains("MASTER").contains("MESSAGE")
                .contains("network_overlap").contains("ipnet 1 cidr=10.70.0.0/24").contains("10.70.0.0/23")
                .endsWith("1 conflict\n");
    }

    @Test
    void cleanPreflightSaysThePlatformCanJoin() {
        CommandLineRun run = toAgent("preflight", unjoined.baseUrl(), PASSWORD_LINE,
                "--setup-token-file", setupTokenFile("unjoined"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("no conflicts: the platform can join\n");
    }

    @Test
    void joinWithAWrongPasswordIsRefusedWithExitCode2() {
        CommandLineRun run = toAgent("join", unjoined.baseUrl(), "not-the-password\n",
                "--setup-token-file", setupTokenFile("unjoined"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).startsWith("ipledger: wrong e-mail or password").contains("master_credentials_rejected");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void joinWithoutTheAgentsSetupTokenIsRefusedWithExitCode2() {
        CommandLineRun run = toAgent("join", unjoined.baseUrl(), PASSWORD_LINE);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("setup_token_required");
    }

    @Test
    void joinToAnUnreachableAgentExitsWith3NamingTheAgent() {
        CommandLineRun run = toAgent("join", "http://127.0.0.1:1", PASSWORD_LINE);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err()).isEqualTo("ipledger: cannot reach the agent at http://127.0.0.1:1: connection refused\n");
    }

    @Test
    void joinFollowsTheMigrationUntilThePlatformIsActive() {
        try (AgentInstance joining = AgentInstance.start(dataDirs.resolve("joining"), vmPlatform(81))) {
            CommandLineRun run = toAgent("join", joining.baseUrl(), PASSWORD_LINE, "--password-stdin",
                    "--setup-token-file", setupTokenFile("joining"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err().lines()).last().isEqualTo("active");
            assertThat(run.out()).startsWith("joined: platform ").endsWith(" is active on " + master.baseUrl() + "\n");
            assertThat(master.adminClient().get("/api/v1/addresses/10.81.0.59").json().get("status").asString())
                    .isEqualTo("allocated");
        }
    }

    @Test
    void statusShowsTheMastersPlatformsAndTheAgentsIntegration() {
        CommandLineRun run = ipledger(Map.of(), PASSWORD_LINE, "status", "--master", master.baseUrl(),
                "--agent", joined.baseUrl(), "--email", MasterInstance.ADMIN_EMAIL);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("master " + master.baseUrl() + ": instance ")
                .contains("PLATFORM").contains("LAST SEEN").contains("LAG").contains("vmmanager")
                .contains("agent " + joined.baseUrl() + ": active, platform ");
    }

    @Test
    void statusOfAnUnjoinedAgentFoundByItsUrlIsUnconfigured() {
        CommandLineRun run = ipledger(Map.of("IPLEDGER_URL", conflicting.baseUrl()), "", "status", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"agent\"").contains("\"state\" : \"unconfigured\"");
    }

    @Test
    void allocateThroughTheJoinedAgent() {
        CommandLineRun run = ipledger(Map.of("IPLEDGER_URL", joined.baseUrl()), PASSWORD_LINE, "allocate",
                "--pool", masterPoolOfThePlatform(), "--email", MasterInstance.ADMIN_EMAIL, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"address\" : \"10.80.0.60\"");
    }

    /** The setup token file of the agent with this data directory, which its operator gives the command. */
    private static String setupTokenFile(String agent) {
        return dataDirs.resolve(agent).resolve("setup-token").toString();
    }

    /** A join or preflight of an agent to the test's master as its administrator, the password on stdin. */
    private static CommandLineRun toAgent(String command, String agentUrl, String stdin, String... more) {
        String[] args = {command, "--agent", agentUrl, "--master", master.baseUrl(), "--email", MasterInstance.ADMIN_EMAIL};
        String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(more))
                .toArray(String[]::new);
        return ipledger(Map.of(), stdin, all);
    }

    private static String masterPoolOfThePlatform() {
        var pools = master.adminClient().get("/api/v1/pools").json().get("items");
        for (var pool : pools) {
            if (pool.get("name").asString().equals("vm pool 80")) {
                return pool.get("id").asString();
            }
        }
        throw new AssertionError("the platform's pool is not on the master: " + pools);
    }
}
