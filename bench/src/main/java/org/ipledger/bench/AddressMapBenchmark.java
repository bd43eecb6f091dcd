package org.ipledger.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.ipledger.master.RestFixture;
import org.ipledger.master.allocation.StoredCounts;

/**
 * The console's address map of big networks: a /8 with 10,000,000 addresses allocated and an
 * IPv6 /64 with 1,000,000, pre-loaded straight into the database. Prints the time to count the
 * stored addresses of the map's 256 blocks, and of the whole network page as a signed-in browser
 * gets it over HTTP (map, counts and HTML), once the pools' indexes are loaded.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dexec.mainClass=org.ipledger.bench.AddressMapBenchmark
 * [-Dexec.args="10000000 1000000"]}
 */
public final class AddressMapBenchmark {

    private static final int WARM_UP = 50;
    private static final int ROUNDS = 300;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        long ipv4Count = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long ipv6Count = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        LedgerDatabase database = LedgerDatabase.fresh();
        try (MasterInstance master = database.startMaster()) {
            RestFixture rest = new RestFixture(master.adminClient());
            HttpClient browser = signedIn(master);

            BigPool v4 = BigPool.ipv4(rest, database.jdbc(), ipv4Count);
            measure(master, browser, v4.network(), "10.0.0.0/8", "IPv4 /8 with " + ipv4Count + " allocated");
            BigPool v6 = BigPool.ipv6(rest, database.jdbc(), ipv6Count);
            measure(master, browser, v6.network(), "2001:db8::/64", "IPv6 /64 with " + ipv6Count + " allocated");
        }
        System.exit(0);
    }

    private static void measure(MasterInstance master, HttpClient browser, long network, String cidr, String label)
            throws Exception {
        StoredCounts counts = master.bean(StoredCounts.class);
        IPAddress block = new IPAddressString(cidr).getAddress();

        long loadStart = System.nanoTime();
        long stored = counts.stored(network, block);
        System.out.printf("%s: first count (loads the pool's index) %.2f s, %,d stored%n", label,
                (System.nanoTime() - loadStart) / 1e9, stored);

        Percentiles blocks = new Percentiles(ROUNDS);
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long start = System.nanoTime();
            counts.perBlock(network, block, 8);
            if (i >= WARM_UP) {
                blocks.add(System.nanoTime() - start);
            }
        }
        System.out.printf("%s: counts of the map's 256 blocks: %s%n", label, blocks.summary("ms"));

        URI page = URI.create(master.baseUrl() + "/networks/" + network);
        Percentiles pages = new Percentiles(ROUNDS);
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = browser.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (i >= WARM_UP) {
                pages.add(System.nanoTime() - start);
            }
            if (response.statusCode() != 200 || !response.body().contains("id=\"block-map\"")) {
                throw new IllegalStateException("the network page did not show a block map: " + response.statusCode());
            }
        }
        System.out.printf("%s: network page over HTTP: %s%n", label, pages.summary("ms"));
    }

    /** An HTTP client with the console's session cookie, signed in as the administrator. */
    private static HttpClient signedIn(MasterInstance master) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        URI signIn = URI.create(master.baseUrl() + "/signin");
        String form = client.send(HttpRequest.newBuilder(signIn).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in form");
        }
        String body = "email=" + encode(MasterInstance.ADMIN_EMAIL) + "&password=" + encode(MasterInstance.ADMIN_PASSWORD)
                + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("signin")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return client;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
