package org.ipledger.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed logins an account and a client address may have in one window before further
 * logins are refused with 429 until the window ends ({@link LoginThrottle}).
 *
 * @param accountFailures failed logins per e-mail address and window
 * @param addressFailures failed logins per client address and window
 * @param window how long the failures are counted, and so the longest wait
 */
@ConfigurationProperties("ipledger.auth.login-throttle")
public record LoginThrottleSettings(@DefaultValue("5") int accountFailures, @DefaultValue("5") int addressFailures,
                                    @DefaultValue("1m") Duration window) {
}
