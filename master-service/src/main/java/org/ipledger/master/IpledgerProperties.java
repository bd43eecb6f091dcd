package org.ipledger.master;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by the embedded servers.
 *
 * @param dataDir where the embedded database (and, later, the embedded broker) keep their data
 */
@ConfigurationProperties("ipledger")
public record IpledgerProperties(@DefaultValue("./data") Path dataDir) {
}
