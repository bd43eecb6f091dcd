package org.ipledger.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.springframework.http.HttpStatus;

/**
 * Slows password guessing: each failed login takes a permit from a rate limiter of its account and
 * one of its client address (resilience4j, a fixed number of permits per window); while either has
 * none left, logins for that account or from that address are refused with 429
 * {@code too_many_attempts} and {@code Retry-After} until the window ends, before the password is
 * even checked. A successful login forgets its account's failures. Limiters of accounts and
 * addresses not seen for a window are dropped, and at most {@value #KEPT} are kept.
 */
public class LoginThrottle {

    private static final int KEPT = 100_000;

    private final RateLimiterConfig perAccount;
    private final RateLimiterConfig perAddress;
    private final Cache<String, RateLimiter> limiters;

    public LoginThrottle(LoginThrottleSettings settings) {
        this.perAccount = config(settings.accountFailures(), settings.window());
        this.perAddress = config(settings.addressFailures(), settings.window());
        this.limiters = Caffeine.newBuilder().expireAfterAccess(settings.window()).maximumSize(KEPT).build();
    }

    private static RateLimiterConfig config(int failures, Duration window) {
        return RateLimiterConfig.custom().limitForPeriod(failures).limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO).build();
    }

    /**
     * Refuses the login (429) while its account or its client address has used up its failures.
     *
     * @param address the client's address, or empty when it is not to be counted
     */
    public void check(String account, Optional<String> address) {
        long nanos = Math.max(wait(accountKey(account)), address.map(a -> wait(addressKey(a))).orElse(0L));
        if (nanos > 0) {
            long seconds = Math.max(1, Duration.ofNanos(nanos).plusNanos(999_999_999).toSeconds());
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                    "Too many failed logins; try again in " + seconds + " s.", Map.of(),
                    Optional.of(Duration.ofSeconds(seconds)));
        }
    }

    public void failed(String account, Optional<String> address) {
        limiter(accountKey(account), perAccount).acquirePermission();
        address.ifPresent(a -> limiter(addressKey(a), perAddress).acquirePermission());
    }

    public void succeeded(String account) {
        limiters.invalidate(accountKey(account));
    }

    /**
     * How long until the key's limiter has a permit again; zero while it has one. The atomic
     * limiter's metrics tell this without taking a permit, which a login that may succeed must not.
     */
    private long wait(String key) {
        RateLimiter limiter = limiters.getIfPresent(key);
        return limiter == null ? 0 : ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
    }

    private RateLimiter limiter(String key, RateLimiterConfig config) {
        return limiters.get(key, name -> new AtomicRateLimiter(name, config));
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
