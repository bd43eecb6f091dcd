package org.ipledger.agent.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The agent's integration page in a real headless Chromium, as an operator uses it, step after
 * step on one platform: sign in with the setup token, a wrong password, a preflight that finds a
 * conflict, a join whose progress reaches active, the platform's own owner names, and a detach.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConsoleIT {

    @TempDir
    static Path dataDir;

    private static LedgerDatabase ledger;
    private static MasterInstance master;
    private static AgentInstance agent;
    private static ApiClient admin;
    private static long masterNetwork;
    private static Browser browser;

    @BeforeAll
    static void start() {
        ledger = LedgerDatabase.fresh();
        PlatformDatabase platform = PlatformDatabases.fresh();
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (7, 'dc net', '10.50.0.0', 23)").update();
        platform.jdbc().sql("INSERT INTO ippool (id, name) VALUES (3, 'dc pool')").update();
        platform.jdbc().sql("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (5, 3, 7, '10.50.1.10', '10.50.1.20')").update();
        platform.jdbc().sql("INSERT INTO ip (id, ippool, addr, status, owner) VALUES (9, 3, '10.50.1.10', 'allocated', 'srv-1')").update();
        master = ledger.startMaster();
        agent = AgentInstance.start(dataDir, platform);
        admin = master.adminClient();
        masterNetwork = admin.post("/api/v1/networks", "{\"cidr\":\"10.50.0.0/24\",\"name\":\"master net\"}").json().get("id").asLong();
        browser = Browser.open(agent.baseUrl());
    }

    @AfterAll
    static void stop() {
        browser.close();
        agent.close();
        master.close();
    }

    @Test
    @Order(1)
    void theOperatorSignsInWithTheSetupTokenAndAWrongOneIsShown() {
        browser.signIn("", "not-the-token");
        assertThat(browser.text("signin-error")).startsWith("That is not this agent's setup token");

        browser.signIn("", AgentInstance.setupToken(dataDir));

        assertThat(browser.text("integration-state")).isEqualTo("unconfigured");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsShownOnThePage() {
        configure("wrong-password").find(By.id("apply")).click();

        assertThat(browser.text("error")).isEqualTo("The master at " + master.baseUrl() + "/ rejected the e-mail and password");
        assertThat(browser.text("integration-state")).isEqualTo("failed");
        browser.screenshot("agent-wrong-password");
    }

    @Test
    @Order(3)
    void checkShowsTheConflictsAsATable() {
        configure(MasterInstance.ADMIN_PASSWORD).find(By.id("check")).click();

        WebElement conflicts = browser.find(By.id("conflicts"));
        assertThat(conflicts.findElement(By.cssSelector("tbody tr td")).getText()).isEqualTo("network_overlap");
        assertThat(conflicts.getText()).contains("10.50.0.0/24");
        browser.screenshot("agent-preflight-conflicts");
    }

    @Test
    @Order(4)
    void applyJoinsAndTheProgressBarReachesActive() {
        assertThat(admin.delete("/api/v1/networks/" + masterNetwork).status()).isEqualTo(204);

        configure(MasterInstance.ADMIN_PASSWORD).find(By.id("apply")).click();

        browser.screenshot("agent-joining");
        // The page polls the state; the migration of four rows takes seconds on a loaded machine.
        browser.until(d -> browser.text("integration-state").equals("active"), Duration.ofSeconds(90));
        WebElement progress = browser.find(By.id("migration"));
        assertThat(progress.getAttribute("value")).isEqualTo(progress.getAttribute("max"));
        browser.screenshot("agent-joined-active");
    }

    @Test
    @Order(5)
    void theOwnerNamesOfThePlatformShowOnTheAgentsPagesOnly() {
        browser.get("/space").find(By.linkText("dc pool")).click();
        browser.until(d -> {
            d.navigate().refresh();
            return d.getPageSource().contains("srv-1");
        }, Duration.ofSeconds(30));
        assertThat(browser.find(By.cssSelector("#addresses td.owner")).getText()).isEqualTo("srv-1");
        browser.screenshot("agent-space-owner-names");

        long pool = admin.get("/api/v1/pools").json().get("items").get(0).get("id").asLong();
        Browser onMaster = browser.at(master.baseUrl()).signIn(MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
        onMaster.get("/pools/" + pool);
        assertThat(onMaster.text("addresses")).contains("10.50.1.10").doesNotContain("srv-1");
    }

    @Test
    @Order(6)
    void onceJoinedAMasterAdministratorSignsInToTheAgentWithEmailAndPassword() {
        // Cookies ignore the port: the master's session of the test before replaced the agent's.
        browser.signIn(MasterInstance.ADMIN_EMAIL, "not-the-password");
        assertThat(browser.text("signin-error")).isEqualTo("E-mail or password is wrong.");

        browser.signIn(MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);

        assertThat(browser.text("integration-state")).isEqualTo("active");
    }

    @Test
    @Order(7)
    void detachAsksForConfirmationAndGivesTheAddressSpaceBack() {
        browser.get("/").find(By.id("detach")).click();
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Detach from the master?");
        browser.screenshot("agent-detach-confirmation");

        browser.submit("confirm-detach");

        assertThat(browser.text("done")).startsWith("Detached. Back in the platform's own tables: 1 networks, 1 pools, 1 ranges and 1 addresses.");
        assertThat(browser.text("integration-state")).isEqualTo("unconfigured");
    }

    private static Browser configure(String password) {
        return browser.get("/").type("masterUrl", master.baseUrl()).type("email", MasterInstance.ADMIN_EMAIL)
                .type("password", password);
    }
}
