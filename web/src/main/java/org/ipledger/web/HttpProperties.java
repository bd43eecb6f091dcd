package org.ipledger.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ipledger.http}: how large a request body may be. A preflight carries a whole platform's
 * address space, so it has a limit of its own.
 *
 * @param maxBody the largest body of any other request
 * @param maxPreflightBody the largest body of a preflight on the master
 */
@ConfigurationProperties("ipledger.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("64MB") DataSize maxPreflightBody) {
}
