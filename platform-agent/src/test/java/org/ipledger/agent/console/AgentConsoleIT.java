package org.ipledger.agent.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ipledger.agent.AgentInstance;
import org.ipledger.agent.PlatformDatabases;
import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.agent.integration.IntegrationState;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The agent's integration page in a real headless Chromium, as an operator uses it, step after
 * step on one platform: sign in with the setup token, a wrong password, a preflight that finds a
 * conflict, a join whose progress reaches active, the platform's own owner names, both consoles
 * on a phone and with the keyboard alone, a rotation of the platform's credentials, a drain and
 * a detach.
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
    private static PlatformDatabase platform;

    @BeforeAll
    static void start() {
        ledger = LedgerDatabase.fresh();
        platform = PlatformDatabases.fresh();
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
    void theMainPagesOfBothConsolesFitAPhoneAndNameEveryField() {
        long pool = masterPool();
        long network = admin.get("/api/v1/networks").json().get("items").get(0).get("id").asLong();
        String platformId = agent.bean(IntegrationService.class).current().platformId().orElseThrow();
        Map<String, Long> overflowing = new LinkedHashMap<>();
        Map<String, List<String>> unlabelled = new LinkedHashMap<>();
        browser.driver().manage().window().setSize(new Dimension(375, 812));
        try {
            assertThat((Long) browser.driver().executeScript("return window.innerWidth;")).isEqualTo(375);
            check(browser, "agent", List.of("/", "/space", "/space/pools/" + pool, "/integration/drain",
                    "/integration/credentials", "/integration/detach"), overflowing, unlabelled);
            browser.get("/");
            browser.screenshot("agent-integration-phone");
            Browser onMaster = browser.at(master.baseUrl()).signIn(MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
            check(onMaster, "master", List.of("/", "/networks", "/networks/" + network, "/pools", "/pools/" + pool,
                    "/addresses", "/ledger", "/users", "/platforms/" + platformId), overflowing, unlabelled);
            onMaster.get("/networks/" + network);
            onMaster.screenshot("master-network-phone");
            browser.signOut();
            check(browser, "agent", List.of("/signin"), overflowing, unlabelled);
            check(onMaster, "master", List.of("/signin"), overflowing, unlabelled);
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1280, 900));
        }

        assertThat(overflowing).as("pixels wider than a phone").isEmpty();
        assertThat(unlabelled).as("fields without a label").isEmpty();
    }

    @Test
    @Order(8)
    void anOperatorSignsInAndReachesAFormsSubmitWithTheKeyboardAlone() {
        browser.signOut().get("/signin");
        tabTo("email").sendKeys(MasterInstance.ADMIN_EMAIL);
        tabTo("password").sendKeys(MasterInstance.ADMIN_PASSWORD, Keys.ENTER);
        browser.until(d -> d.findElement(By.id("integration-state")).getText().equals("active"));

        browser.get("/integration/credentials");
        tabTo("email");
        tabTo("password");
        WebElement submit = tabTo("rotate");

        assertThat(submit.getAttribute("type")).isEqualTo("submit");
        browser.screenshot("agent-keyboard-focus-on-submit");
    }

    @Test
    @Order(9)
    void rotatingTheCredentialsWhileActiveKeepsWritesAndCaptureGoingWithTheNewOnes() {
        IntegrationService integration = agent.bean(IntegrationService.class);
        String secretBefore = integration.current().secret().orElseThrow();
        browser.get("/").press(By.id("rotate-credentials"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Rotate this platform's credentials?");
        browser.screenshot("agent-rotate-credentials");

        browser.type("email", MasterInstance.ADMIN_EMAIL).type("password", "not-the-password").submit("rotate-credentials");
        assertThat(browser.text("error")).isEqualTo("The master at " + master.baseUrl() + "/ rejected the e-mail and password");
        assertThat(integration.current().state()).isEqualTo(IntegrationState.ACTIVE);
        assertThat(integration.current().secret()).contains(secretBefore);

        browser.type("email", MasterInstance.ADMIN_EMAIL).type("password", MasterInstance.ADMIN_PASSWORD)
                .submit("rotate-credentials");

        assertThat(browser.text("done")).startsWith("Credentials rotated: platform ");
        assertThat(browser.text("integration-state")).isEqualTo("active");
        assertThat(integration.current().secret().orElseThrow()).isNotEqualTo(secretBefore);
        // A write through the agent is a command signed with the new secret: the master answers it.
        ApiClient operator = ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
        String allocation = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":1}";
        await().atMost(Duration.ofSeconds(30)).until(
                () -> operator.post("/api/v1/pools/" + masterPool() + "/allocations", allocation).status() == 201);
        // A row the platform writes is captured and sent with the new secret: the master applies it.
        platform.jdbc().sql("INSERT INTO ipnet (id, name, addr, prefix) VALUES (20, 'after rotation', '10.60.0.0', 24)").update();
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/networks").body().contains("10.60.0.0/24"));
    }

    @Test
    @Order(10)
    void drainShowsWhatIsStillInFlightFollowsItLiveAndRefusesNewWrites() {
        browser.get("/").press(By.id("drain"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Drain before an update");
        assertThat(browser.text("drain-state")).isEqualTo("active");
        assertThat(browser.text("commands-in-flight")).isEqualTo("0");

        browser.submit("confirm-drain");

        assertThat(browser.text("done")).isEqualTo("Draining: new writes are refused until the agent restarts.");
        assertThat(browser.text("drain-state")).isEqualTo("draining");
        assertThat(browser.text("drained")).startsWith("No write is waiting for an answer: the agent can be stopped");
        WebElement shown = browser.find(By.id("in-flight"));
        // htmx replaces the counts while the agent drains.
        browser.until(d -> Browser.gone(shown));
        assertThat(browser.text("drain-state")).isEqualTo("draining");
        browser.screenshot("agent-draining");
        ApiClient operator = ApiClient.loggedIn(agent.baseUrl(), MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
        String allocation = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"count\":1}";
        assertThat(operator.post("/api/v1/pools/" + masterPool() + "/allocations", allocation).error())
                .isEqualTo("integration_draining");
    }

    @Test
    @Order(11)
    void detachAsksForConfirmationAndGivesTheAddressSpaceBack() {
        browser.get("/").press(By.id("detach"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Detach from the master?");
        browser.screenshot("agent-detach-confirmation");

        browser.submit("confirm-detach");

        // With the migrated rows, the network captured and the address allocated after the rotation.
        assertThat(browser.text("done")).startsWith("Detached. Back in the platform's own tables: 2 networks, 1 pools, 1 ranges and 2 addresses.");
        assertThat(browser.text("integration-state")).isEqualTo("unconfigured");
    }

    /** Opens each page and notes how far it is wider than the window and which fields have no label. */
    private static void check(Browser on, String console, List<String> paths, Map<String, Long> overflowing,
            Map<String, List<String>> unlabelled) {
        for (String path : paths) {
            on.get(path);
            assertThat(on.find(By.tagName("h1")).getText()).as(console + " " + path).isNotEqualTo("Whitelabel Error Page");
            long overflow = PageChecks.overflow(on);
            if (overflow > 0) {
                overflowing.put(console + " " + path, overflow);
            }
            List<String> fields = PageChecks.unlabelledFields(on);
            if (!fields.isEmpty()) {
                unlabelled.put(console + " " + path, fields);
            }
        }
    }

    /** Presses Tab until the field has the focus, as a keyboard user reaches it, and gives it. */
    private static WebElement tabTo(String id) {
        for (int presses = 0; presses < 30; presses++) {
            WebElement focused = browser.driver().switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("30 presses of Tab did not reach #" + id + " on " + browser.path());
    }

    private static long masterPool() {
        return admin.get("/api/v1/pools").json().get("items").get(0).get("id").asLong();
    }

    private static Browser configure(String password) {
        return browser.get("/").type("masterUrl", master.baseUrl()).type("email", MasterInstance.ADMIN_EMAIL)
                .type("password", password);
    }
}
