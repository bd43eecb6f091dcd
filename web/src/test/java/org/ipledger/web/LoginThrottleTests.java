package org.ipledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class LoginThrottleTests {

    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(3, 5, Duration.ofMinutes(1)));

    @Test
    void anAccountIsRefusedWithRetryAfterOnceItHasUsedUpItsFailures() {
        fail("alice@example.com", "10.0.0.1", 3);

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> throttle.check("Alice@Example.com ", Optional.of("10.0.0.9")));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.code()).isEqualTo("too_many_attempts");
        String retryAfter = refused.toResponseEntity().getHeaders().getFirst("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
    }

    @Test
    void anotherAccountFromAnotherAddressIsUnaffected() {
        fail("alice@example.com", "10.0.0.1", 5);

        assertThatCode(() -> throttle.check("bob@example.com", Optional.of("10.0.0.2"))).doesNotThrowAnyException();
    }

    @Test
    void anAddressIsRefusedForEveryAccountOnceItHasUsedUpItsFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i + "@example.com", Optional.of("10.0.0.1"));
        }

        assertThat(catchThrowableOfType(ApiException.class,
                () -> throttle.check("carol@example.com", Optional.of("10.0.0.1"))).code()).isEqualTo("too_many_attempts");
        assertThatCode(() -> throttle.check("carol@example.com", Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void aSuccessfulLoginForgetsItsAccountsFailures() {
        fail("alice@example.com", "10.0.0.1", 2);
        throttle.succeeded("alice@example.com");
        fail("alice@example.com", "10.0.0.2", 2);

        assertThatCode(() -> throttle.check("alice@example.com", Optional.of("10.0.0.3"))).doesNotThrowAnyException();
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, Optional.of(address));
        }
    }
}
