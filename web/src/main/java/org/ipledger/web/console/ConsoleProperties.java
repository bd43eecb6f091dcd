package org.ipledger.web.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ipledger.console.*}: the browser console.
 *
 * @param signInHint a sentence under the sign-in form, for a service that also takes another credential
 */
@ConfigurationProperties("ipledger.console")
public record ConsoleProperties(@DefaultValue("") String signInHint) {
}
