package org.ipledger.master.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipledger.master.LedgerDatabase;
import org.ipledger.master.MasterInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login throttling on a master of its own, with a window short enough to wait out. Logins are sent
 * from two loopback addresses, 127.0.0.1 and 127.0.0.2, as from two clients; Java 17's HTTP client
 * cannot choose its local address, hence the few lines of HTTP/1.1 below.
 */
class LoginThrottleIT {

    private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After:\\s*(\\d+)\\s*$");

    private static MasterInstance master;

    @BeforeAll
    static void startMaster() {
        master = LedgerDatabase.fresh().startMaster("ipledger.auth.login-throttle.window=10s");
    }

    @AfterAll
    static void stopMaster() {
        master.close();
    }

    @Test
    void tenWrongPasswordsGetTooManyAttemptsAndTheRightOneWaitsForRetryAfterWhileOthersLogIn() throws Exception {
        String alice = newUser();
        String bob = newUser();

        List<Answer> wrong = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            wrong.add(login("127.0.0.1", alice, "wrong-password"));
        }
        Answer right = login("127.0.0.1", alice, "a-long-password");
        Answer otherClient = login("127.0.0.2", bob, "a-long-password");
        Answer otherClientWrong = login("127.0.0.2", bob, "wrong-password");

        assertThat(wrong.get(0).status()).isEqualTo(401);
        assertThat(wrong.get(9).status()).isEqualTo(429);
        assertThat(wrong.get(9).body()).contains("\"too_many_attempts\"");
        assertThat(wrong.get(9).retryAfter()).isBetween(1, 10);
        assertThat(right.status()).isEqualTo(429);
        assertThat(otherClient.status()).isEqualTo(200);
        assertThat(otherClientWrong.status()).isEqualTo(401);

        Thread.sleep(right.retryAfter() * 1000L);

        assertThat(login("127.0.0.1", alice, "a-long-password").status()).isEqualTo(200);
    }

    private static String newUser() {
        String email = "throttled-" + UUID.randomUUID() + "@example.com";
        int status = master.adminClient().post("/api/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"a-long-password\",\"roles\":[]}").status();
        assertThat(status).isEqualTo(201);
        return email;
    }

    private static Answer login(String from, String email, String password) {
        URI base = URI.create(master.baseUrl());
        byte[] body = ("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            Matcher retryAfter = RETRY_AFTER.matcher(response);
            return new Answer(status, retryAfter.find() ? Integer.parseInt(retryAfter.group(1)) : -1,
                    response.substring(response.indexOf("\r\n\r\n") + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, int retryAfter, String body) {
    }
}
