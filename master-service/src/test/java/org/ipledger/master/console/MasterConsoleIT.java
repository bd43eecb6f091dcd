package org.ipledger.master.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.ipledger.master.ApiClient;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.changes.JoinedPlatform;
import org.ipledger.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The master's console in a real headless Chromium against a running master. Every sign-in comes
 * from 127.0.0.1, so the master counts failures per address loosely here: the throttle shown is
 * the one per account.
 */
class MasterConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LedgerDatabase database;
    private static MasterInstance master;
    private static ApiClient api;
    private static Browser browser;

    @BeforeAll
    static void startMasterAndBrowser() {
        database = LedgerDatabase.fresh();
        master = database.startMaster("ipledger.auth.login-throttle.address-failures=1000");
        api = master.adminClient();
        browser = Browser.open(master.baseUrl());
    }

    @AfterAll
    static void closeBrowserAndMaster() {
        browser.close();
        master.close();
    }

    @BeforeEach
    void signedIn() {
        browser.signOut().signIn(MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
    }

    @Test
    void aWrongPasswordIsShownOnTheSignInPageAndTheRightOneOpensTheOverview() {
        browser.signOut().signIn(MasterInstance.ADMIN_EMAIL, "not-the-password");

        assertThat(browser.text("signin-error")).isEqualTo("E-mail or password is wrong.");
        browser.screenshot("master-signin-wrong-password");

        browser.signIn(MasterInstance.ADMIN_EMAIL, MasterInstance.ADMIN_PASSWORD);
        assertThat(browser.awaitPath("/")).isEqualTo("/");
        assertThat(browser.text("last-seq")).matches("\\d+");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Overview");
    }

    @Test
    void theOverviewChartsTheLedgersEntriesPerMinuteAsAnSvgThatCountsNewEntries() {
        browser.get("/");
        long before = entriesCharted();

        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/networks", "{\"cidr\":\"10.90." + i + ".0/24\",\"name\":\"rate-" + i + "\"}").status())
                    .isEqualTo(201);
        }

        browser.until(d -> {
            browser.get("/");
            return entriesCharted() >= before + 3;
        });
        List<WebElement> bars = browser.findAll(By.cssSelector("svg#ledger-rate rect"));
        assertThat(bars).hasSize(15);
        assertThat(browser.text("rate-total")).isEqualTo(Long.toString(entriesCharted()));
        assertThat(bars).extracting(bar -> bar.getAttribute("height")).contains("120");
        browser.screenshot("master-overview-ledger-rate");
    }

    private static long entriesCharted() {
        return browser.findAll(By.cssSelector("svg#ledger-rate rect")).stream()
                .mapToLong(bar -> Long.parseLong(bar.getAttribute("data-entries"))).sum();
    }

    @Test
    void anAccountThatFailedTooOftenIsToldToWaitEvenWithTheRightPassword() {
        String email = "throttled@ipledger.test";
        String password = "right-password-1";
        assertThat(api.post("/api/v1/users", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"roles\":[]}").status()).isEqualTo(201);
        for (int attempt = 0; attempt < 5; attempt++) {
            browser.signOut().signIn(email, "wrong-password-" + attempt);
            assertThat(browser.text("signin-error")).isEqualTo("E-mail or password is wrong.");
        }

        browser.signOut().signIn(email, password);

        assertThat(browser.text("signin-error")).matches("Too many failed logins; try again in \\d+ s\\.");
        browser.screenshot("master-signin-throttled");
    }

    @Test
    void aNetworkWithHostBitsSetIsRefusedNextToTheFieldThenACorrectOneIsCreated() {
        browser.get("/networks").type("cidr", "10.77.0.1/24").type("name", "office").submit("create-network");

        assertThat(browser.text("cidr-error")).isEqualTo("cidr '10.77.0.1/24' has host bits set; the network is 10.77.0.0/24.");
        assertThat(browser.find(By.id("cidr")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("master-network-host-bits-set");

        browser.type("cidr", "10.77.0.0/24").submit("create-network");
        assertThat(browser.awaitPath("/networks/\\d+")).startsWith("/networks/");
        assertThat(browser.findAll(By.cssSelector("#address-map .cell"))).hasSize(256);
    }

    @Test
    void anOverlappingNetworkIsRefusedNamingTheOtherNetwork() {
        assertThat(api.post("/api/v1/networks", "{\"cidr\":\"10.78.0.0/16\",\"name\":\"campus\"}").status()).isEqualTo(201);

        browser.get("/networks").type("cidr", "10.78.4.0/24").type("name", "inside").submit("create-network");

        assertThat(browser.text("cidr-error")).startsWith("10.78.4.0/24 overlaps network 10.78.0.0/16 (id ");
    }

    @Test
    void aNetworkEditedWithAGatewayOutsideItIsRefusedNextToTheFieldThenACorrectEditIsSaved() {
        long network = api.post("/api/v1/networks", "{\"cidr\":\"10.85.0.0/24\",\"name\":\"edit-me\"}").json().get("id").asLong();
        browser.get("/networks/" + network);
        browser.find(By.cssSelector("#edit summary")).click();

        browser.type("gateway", "10.86.0.1").submit("edit-network");

        assertThat(browser.text("gateway-error")).isEqualTo("gateway 10.86.0.1 is not inside 10.85.0.0/24.");
        assertThat(browser.find(By.id("gateway")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("master-network-edit-refused");

        browser.type("gateway", "10.85.0.1").type("name", "edited").submit("edit-network");
        assertThat(browser.text("result")).isEqualTo("Saved 10.85.0.0/24.");
        assertThat(browser.text("network-name")).isEqualTo("edited");
        assertThat(cellOf("10.85.0.1").getAttribute("data-status"))
                .isEqualTo("service");
        assertThat(api.get("/api/v1/networks/" + network).json().get("gateway").asString()).isEqualTo("10.85.0.1");
    }

    @Test
    void aNetworkIsDeletedAfterAConfirmationAndOneStillInUseIsRefusedWithTheApisReason() {
        long unused = api.post("/api/v1/networks", "{\"cidr\":\"10.87.0.0/24\",\"name\":\"doomed\"}").json().get("id").asLong();
        long used = api.post("/api/v1/networks", "{\"cidr\":\"10.88.0.0/24\",\"name\":\"busy\"}").json().get("id").asLong();
        long pool = poolWithRange("busy-pool", "10.88.0.10", "10.88.0.20");

        browser.get("/networks/" + used);
        browser.find(By.cssSelector("#edit summary")).click();
        browser.press(By.id("delete"));
        assertThat(browser.text("still-in-use")).contains("1 pool range(s) and 0 stored address(es)");
        browser.submit("confirm-delete");
        assertThat(browser.text("result-error")).isEqualTo("Network " + used + " still has ranges or addresses; remove them first.");

        browser.get("/networks/" + unused);
        browser.find(By.cssSelector("#edit summary")).click();
        browser.press(By.id("delete"));
        assertThat(browser.findAll(By.id("still-in-use"))).isEmpty();
        browser.screenshot("master-network-delete-confirmation");
        browser.submit("confirm-delete");

        assertThat(browser.awaitPath("/networks")).isEqualTo("/networks");
        assertThat(browser.text("result")).isEqualTo("Deleted 10.87.0.0/24 (doomed).");
        assertThat(browser.text("networks")).doesNotContain("10.87.0.0/24").contains("10.88.0.0/24");
        assertThat(api.get("/api/v1/networks/" + unused).status()).isEqualTo(404);
    }

    @Test
    void anAddressReservedFromAPoolShowsAsReservedInTheNetworksMap() {
        long network = api.post("/api/v1/networks", "{\"cidr\":\"10.89.0.0/24\",\"name\":\"reserve\"}").json().get("id").asLong();
        long pool = poolWithRange("reserve-pool", "10.89.0.10", "10.89.0.50");

        browser.get("/pools/" + pool).type("reserve-address", "10.89.0.60").submit("reserve");
        assertThat(browser.text("result-error")).isEqualTo("10.89.0.60 is not in a range of this pool.");
        browser.type("reserve-address", "10.89.0.20").submit("reserve");

        assertThat(browser.text("result")).isEqualTo("Reserved: 10.89.0.20");
        browser.screenshot("master-pool-reserved");
        browser.get("/networks/" + network);
        WebElement cell = cellOf("10.89.0.20");
        assertThat(cell.getAttribute("data-status")).isEqualTo("reserved");
        assertThat(cell.getAttribute("title")).isEqualTo("10.89.0.20 reserved by master");
    }

    @Test
    void anAddressAllocatedFromAPoolAppearsInTheNetworksMap() {
        long network = api.post("/api/v1/networks", "{\"cidr\":\"10.79.0.0/24\",\"name\":\"lab\"}").json().get("id").asLong();
        long pool = poolWithRange("lab-pool", "10.79.0.10", "10.79.0.50");

        browser.get("/pools/" + pool).type("count", "3").submit("allocate");

        assertThat(browser.text("result")).isEqualTo("Allocated: 10.79.0.10, 10.79.0.11, 10.79.0.12");
        browser.screenshot("master-pool-allocated");
        browser.get("/networks/" + network);
        WebElement cell = cellOf("10.79.0.11");
        assertThat(cell.getAttribute("data-status")).isEqualTo("allocated");
        assertThat(cell.getAttribute("title")).isEqualTo("10.79.0.11 allocated by master");
        assertThat(cellOf("10.79.0.13").getAttribute("data-status"))
                .isEqualTo("free");
        browser.screenshot("master-network-map");
    }

    @Test
    void aLargeNetworkIsMappedAsBlocksWithTheirUtilization() {
        long network = api.post("/api/v1/networks", "{\"cidr\":\"10.80.0.0/16\",\"name\":\"site\"}").json().get("id").asLong();
        long pool = api.post("/api/v1/pools", "{\"name\":\"site-pool\"}").json().get("id").asLong();
        assertThat(api.post("/api/v1/pools/" + pool + "/ranges", "{\"cidr\":\"10.80.3.0/24\"}").status()).isEqualTo(201);
        ApiClient.Response allocated = api.post("/api/v1/pools/" + pool + "/allocations", "{\"count\":64,\"requestId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        assertThat(api.patch("/api/v1/addresses/10.80.7.5", "{\"status\":\"reserved\"}").status()).isEqualTo(200);

        browser.get("/networks/" + network);

        browser.screenshot("master-network-blocks");
        assertThat(browser.findAll(By.cssSelector("#block-map .block"))).hasSize(256);
        WebElement block = browser.find(By.cssSelector("#block-map a[title^='64 of 256']"));
        assertThat(block.getText()).contains("10.80.3.0/24");
        assertThat(browser.find(By.cssSelector("#block-map a[title^='1 of 256']")).getText()).contains("10.80.7.0/24");
        block.click();
        assertThat(cellOf("10.80.3.1").getAttribute("data-status"))
                .isEqualTo("allocated");
    }

    @Test
    void addressesAreFoundByPrefixStatusAndPlatformAndAnAddressShowsItsHistoryFromTheLedger() {
        api.post("/api/v1/networks", "{\"cidr\":\"10.82.0.0/24\",\"name\":\"history\"}");
        long pool = api.post("/api/v1/pools", "{\"name\":\"history-pool\"}").json().get("id").asLong();
        api.post("/api/v1/pools/" + pool + "/ranges", "{\"start\":\"10.82.0.10\",\"end\":\"10.82.0.20\"}");
        api.post("/api/v1/pools/" + pool + "/allocations", "{\"count\":2,\"requestId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(api.patch("/api/v1/addresses/10.82.0.11", "{\"status\":\"reserved\"}").status()).isEqualTo(200);

        browser.get("/addresses").type("prefix", "10.82.0.0/24").type("platform", "master").submit("search-addresses");
        assertThat(browser.findAll(By.cssSelector("#addresses tbody tr"))).extracting(WebElement::getText)
                .containsExactly("10.82.0.10 allocated " + pool + " " + networkOf("10.82.0.10") + " master",
                        "10.82.0.11 reserved " + pool + " " + networkOf("10.82.0.11") + " master");
        new Select(browser.find(By.id("status"))).selectByValue("reserved");
        browser.submit("search-addresses");
        assertThat(browser.findAll(By.cssSelector("#addresses tbody tr"))).hasSize(1);

        browser.press(By.linkText("10.82.0.11"));

        assertThat(browser.text("address-status")).isEqualTo("reserved");
        assertThat(browser.findAll(By.cssSelector("#history tbody tr"))).extracting(row -> row.findElements(By.tagName("td")).get(2).getText())
                .containsExactly("address_reserved", "address_allocated");
        browser.screenshot("master-address-history");
        browser.get("/addresses").type("prefix", "10.82.0.1/24").submit("search-addresses");
        assertThat(browser.text("search-error")).startsWith("prefix '10.82.0.1/24' has host bits set");
    }

    @Test
    void theLedgerPageFollowsNewEntriesWithoutAReload() {
        browser.get("/ledger");
        String before = browser.find(By.cssSelector("#ledger")).getText();

        long network = api.post("/api/v1/networks", "{\"cidr\":\"10.83.0.0/24\",\"name\":\"live\"}").json().get("id").asLong();

        browser.until(d -> d.findElement(By.id("ledger")).getText().contains("network:" + network));
        assertThat(before).doesNotContain("network:" + network);
        browser.screenshot("master-ledger");
    }

    @Test
    void anAdministratorCreatesAUserSeesTheApisRefusalNextToTheFieldChangesRolesAndCannotDisableThemselves() {
        browser.get("/users").type("email", "operator@ipledger.test").type("password", "short").submit("create-user");
        assertThat(browser.text("password-error")).isEqualTo("password must have at least 8 characters.");

        browser.type("password", "long-enough-1").submit("create-user");
        assertThat(browser.text("result")).isEqualTo("Created operator@ipledger.test.");
        browser.press(By.cssSelector("button[aria-label='Make administrator operator@ipledger.test']"));
        assertThat(browser.text("result")).isEqualTo("operator@ipledger.test is an administrator.");
        browser.press(By.cssSelector("button[aria-label='Disable operator@ipledger.test']"));
        assertThat(browser.text("result")).isEqualTo("operator@ipledger.test is disabled.");
        assertThat(api.get("/api/v1/users").body()).contains("\"email\":\"operator@ipledger.test\",\"roles\":[\"@admin\"],\"disabled\":true");

        browser.press(By.cssSelector("button[aria-label='Disable " + MasterInstance.ADMIN_EMAIL + "']"));
        assertThat(browser.text("result-error")).startsWith("An administrator cannot disable themselves");
        browser.screenshot("master-users-self-lockout");
    }

    @Test
    void aUserWithoutTheAdministratorRoleHasNoUsersPage() {
        assertThat(api.post("/api/v1/users", "{\"email\":\"reader@ipledger.test\",\"password\":\"reader-password\",\"roles\":[]}")
                .status()).isEqualTo(201);
        browser.signOut().signIn("reader@ipledger.test", "reader-password");

        assertThat(browser.findAll(By.linkText("Users"))).isEmpty();
        browser.get("/users");
        assertThat(browser.findAll(By.id("create-user"))).isEmpty();
    }

    @Test
    void aPlatformsPageShowsItsConflictWithTheReasonWhenItsCredentialsWereIssuedAndRevokesThemAfterConfirmation() {
        assertThat(api.post("/api/v1/networks", "{\"cidr\":\"10.84.0.0/24\",\"name\":\"taken\"}").status()).isEqualTo(201);
        JoinedPlatform platform = new JoinedPlatform(api, database);
        platform.send(platform.change("ipnet", "create", "{\"id\":7,\"name\":\"n7\",\"addr\":\"10.84.0.0\",\"prefix\":23}"));
        browser.get("/");
        browser.find(By.cssSelector("#platforms a[href$='/platforms/" + platform.id + "']")).click();

        browser.until(d -> {
            browser.get("/platforms/" + platform.id);
            return !browser.findAll(By.cssSelector("#conflicts tbody tr")).isEmpty();
        });
        assertThat(browser.text("conflicts")).contains("network_overlap", "10.84.0.0/24");
        assertThat(browser.text("platform-registered")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(browser.text("platform-credentials")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        browser.screenshot("master-platform-conflicts");

        browser.find(By.id("revoke")).click();
        browser.submit("confirm-revoke");
        assertThat(browser.text("result")).startsWith("Revoked");
        assertThat(browser.text("platform-state")).isEqualTo("detached");
        assertThat(browser.text("platform-credentials")).isEqualTo("none: revoked");
        assertThat(api.withToken(platform.token).get("/api/v1/networks").status()).isEqualTo(401);
        platform.close();
    }

    private static long poolWithRange(String name, String start, String end) {
        long pool = api.post("/api/v1/pools", "{\"name\":\"" + name + "\"}").json().get("id").asLong();
        assertThat(api.post("/api/v1/pools/" + pool + "/ranges", "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}")
                .status()).isEqualTo(201);
        return pool;
    }

    /** The cell of an address in the address map on the page shown. */
    private static WebElement cellOf(String address) {
        return browser.find(By.cssSelector("#address-map [data-address='" + address + "']"));
    }

    private static long networkOf(String address) {
        return api.get("/api/v1/addresses/" + address).json().get("networkId").asLong();
    }

    @Test
    void noPageOpensWithoutSigningInButTheApiStillAnswersBearerTokensWithJson() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(master.baseUrl() + "/networks")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> style = HTTP.send(HttpRequest.newBuilder(URI.create(master.baseUrl() + "/console/console.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        ApiClient.Response anonymousApi = new ApiClient(master.baseUrl(), null).get("/api/v1/networks");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue(master.baseUrl() + "/signin");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(anonymousApi.status()).isEqualTo(401);
        assertThat(anonymousApi.error()).isEqualTo("unauthorized");
        assertThat(api.get("/api/v1/networks").status()).isEqualTo(200);
    }

    @Test
    void aFormPostWithTheSessionCookieButWithoutTheCsrfTokenIsRefused() throws Exception {
        browser.get("/networks");
        String session = browser.cookie("JSESSIONID").getValue();

        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(master.baseUrl() + "/networks"))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cidr=10.81.0.0/24&name=forged")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/networks?limit=1000").body()).doesNotContain("10.81.0.0/24");
    }
}
