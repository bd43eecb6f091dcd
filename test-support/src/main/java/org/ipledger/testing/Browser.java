package org.ipledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver, one per test class: Debian's {@code chromium}
 * and {@code chromium-driver} (CI's {@code .ci/run} installs them), at 1280 by 900 pixels. Each
 * test saves a screenshot under {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Pages render on the server in milliseconds; a wait this long means something is wrong. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** A browser pointed at a service; nothing is opened yet. */
    public static Browser open(String baseUrl) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new Browser(driver, baseUrl);
    }

    /**
     * The same browser window pointed at another service, for a test that compares two consoles.
     * Cookies ignore ports: signing in there replaces the session here.
     */
    public Browser at(String otherBaseUrl) {
        return new Browser(driver, otherBaseUrl);
    }

    public Browser get(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Signs in through the sign-in form; the session cookie is kept for the next pages. */
    public Browser signIn(String email, String password) {
        get("/signin");
        type("email", email);
        type("password", password);
        return press(By.cssSelector("form button[type=submit]"));
    }

    /** Forgets the session: the next page needs signing in again. */
    public Browser signOut() {
        driver.manage().deleteAllCookies();
        return this;
    }

    public Browser type(String id, String text) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser submit(String formId) {
        return press(By.cssSelector("#" + formId + " button[type=submit]"));
    }

    /**
     * Clicks a link or button that leaves the page, and returns once the next page is there: a
     * click returns before the answer loads, and what the test reads next must be on the new page.
     */
    public Browser press(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(button).click();
        until(d -> gone(page));
        return this;
    }

    /**
     * Whether the node is no longer on the page: the browser left the page, or htmx replaced the
     * node. Chromium answers for such a node either as stale or as not in the document.
     */
    public static boolean gone(WebElement node) {
        try {
            node.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            return true;
        }
    }

    public WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public String text(String id) {
        return find(By.id(id)).getText();
    }

    /** Waits for the condition; when it never holds, the failure says which page the browser was on and what it showed. */
    public <T> T until(ExpectedCondition<T> condition) {
        return until(condition, WAIT);
    }

    /** As {@link #until(ExpectedCondition)}, for what the server does in the background, such as a migration. */
    public <T> T until(ExpectedCondition<T> condition, Duration wait) {
        try {
            return new WebDriverWait(driver, wait).ignoring(NoSuchElementException.class)
                    // htmx replaces polled parts of a page while a condition reads them.
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            String shown = driver.findElement(By.tagName("body")).getText();
            throw new TimeoutException("on " + path() + ", showing: " + shown.substring(0, Math.min(600, shown.length())), e);
        }
    }

    /** The current path and query, without the service's base URL. */
    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Waits until the browser is on a path matching the pattern, and gives it. */
    public String awaitPath(String pattern) {
        until(d -> path().matches(pattern));
        return path();
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
