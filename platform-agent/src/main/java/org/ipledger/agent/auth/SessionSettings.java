package org.ipledger.agent.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent keeps the logins made through it.
 *
 * @param sessionCheck how long the agent trusts what the master last said of a token (its user and
 *        roles, or that it still works) before asking again
 */
@ConfigurationProperties("ipledger.auth")
public record SessionSettings(@DefaultValue("60s") Duration sessionCheck) {
}
