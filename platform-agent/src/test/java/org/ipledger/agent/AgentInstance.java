package org.ipledger.agent;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real platform agent (Spring Boot application, HTTP on 127.0.0.1, random port) on a given
 * platform database, keeping its state under a given directory, so a test can stop it and start
 * it again on the same state.
 */
public final class AgentInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private AgentInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static AgentInstance start(Path dataDir, PlatformDatabase platform, String... extra) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ipledger.data-dir", dataDir.toString());
        properties.put("ipledger.agent.platform-db.url", platform.jdbcUrl());
        properties.put("ipledger.agent.platform-db.username", platform.username());
        properties.put("ipledger.agent.platform-db.password", platform.password());
        properties.put("logging.file.name", dataDir.resolve("logs/ipledger-agent.log").toString());
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        for (String pair : extra) {
            int eq = pair.indexOf('=');
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new AgentInstance(PlatformAgentApplication.builder().run(args));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
