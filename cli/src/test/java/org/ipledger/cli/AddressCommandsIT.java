package org.ipledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ipledger.cli.CommandLineRun.ipledger;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;

/** The address-space commands against a real master: tables, JSON, and the refusals' exit codes. */
class AddressCommandsIT {

    private static final String PASSWORD_LINE = MasterInstance.ADMIN_PASSWORD + "\n";

    private static MasterInstance master;
    private static ApiClient api;
    private static long pool;

    @BeforeAll
    static void startMaster() {
        master = LedgerDatabase.fresh().startMaster();
        api = master.adminClient();
        pool = new RestFixture(api).poolWithRange("10.60.0.0/24", "10.60.0.10", "10.60.0.20");
    }

    @AfterAll
    static void stopMaster() {
        master.close();
    }

    @Test
    void networksAreATableWithTheirCidr() {
        CommandLineRun run = ipledger(Map.of(), PASSWORD_LINE, "networks", "--url", master.baseUrl(),
                "--email", MasterInstance.ADMIN_EMAIL);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("ID").contains("CIDR").contains("10.60.0.0/24");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void poolsAreJsonForScriptsWithATokenFromTheEnvironment() {
        CommandLineRun run = ipledger(Map.of("IPLEDGER_TOKEN", api.token(), "IPLEDGER_URL", master.baseUrl()), "",
                "pools", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode pools = JsonMapper.builder().build().readTree(run.out());
        assertThat(pools.isArray()).isTrue();
        assertThat(pools.findValuesAsString("id")).contains(Long.toString(pool));
    }

    @Test
    void allocateTakesTheLowestFreeAddressesAndReleaseGivesOneBack() {
        Map<String, String> env = Map.of("IPLEDGER_TOKEN", api.token(), "IPLEDGER_URL", master.baseUrl());

        CommandLineRun allocated = ipledger(env, "", "allocate", "--pool", Long.toString(pool), "--count", "2", "--owner", "vm-1");
        CommandLineRun released = ipledger(env, "", "release", "10.60.0.10");

        assertThat(allocated.exitCode()).as(allocated.toString()).isZero();
        assertThat(allocated.out()).contains("ADDRESS").contains("10.60.0.10").contains("10.60.0.11").contains("allocated");
        assertThat(released.exitCode()).as(released.toString()).isZero();
        assertThat(released.out()).isEqualTo("released 10.60.0.10\n");
        assertThat(api.get("/api/v1/addresses/10.60.0.10").json().get("status").asString()).isEqualTo("free");
        assertThat(api.get("/api/v1/addresses/10.60.0.11").json().get("status").asString()).isEqualTo("allocated");
    }

    @Test
    void wrongPasswordIsRefusedWithExitCode2AndSaysSo() {
        CommandLineRun run = ipledger(Map.of(), "not-the-password\n", "pools", "--url", master.baseUrl(),
                "--email", MasterInstance.ADMIN_EMAIL);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).startsWith("ipledger: wrong e-mail or password").contains(MasterInstance.ADMIN_EMAIL)
                .contains("invalid_credentials");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownPoolIsRefusedWithExitCode2NamingThePool() {
        CommandLineRun run = ipledger(Map.of("IPLEDGER_TOKEN", api.token()), "", "allocate", "--pool", "999999",
                "--url", master.baseUrl());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(run.err()).contains("Pool 999999 does not exist").contains("pool_not_found").contains("HTTP 404");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void noWayToLogInIsAUsageError() {
        CommandLineRun run = ipledger(Map.of(), "", "networks", "--url", master.baseUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("not logged in").contains("IPLEDGER_TOKEN");
    }

    @Test
    void unreachableServerExitsWith3() {
        CommandLineRun run = ipledger(Map.of("IPLEDGER_TOKEN", "any"), "", "networks", "--url", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(run.err()).isEqualTo("ipledger: cannot reach the server at http://127.0.0.1:1: connection refused\n");
    }
}
