package org.ipledger.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.testing.ServiceProcess;
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
        Map<String, Object> properties = properties(dataDir, platform);
        properties.put("server.port", "0");
        for (String pair : extra) {
            int eq = pair.indexOf('=');
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new AgentInstance(PlatformAgentApplication.builder().run(args));
    }

    /** The same agent in a JVM of its own, on a fixed port, to be killed by a test: see {@link KillableAgent}. */
    static ServiceProcess startProcess(Path dataDir, PlatformDatabase platform, int port) {
        List<String> properties = properties(dataDir, platform).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return ServiceProcess.start(PlatformAgentApplication.class, properties, port, dataDir.resolve("process.log"),
                Duration.ofSeconds(120));
    }

    private static Map<String, Object> properties(Path dataDir, PlatformDatabase platform) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ipledger.data-dir", dataDir.toString());
        properties.put("ipledger.agent.platform-db.url", platform.jdbcUrl());
        properties.put("ipledger.agent.platform-db.username", platform.username());
        properties.put("ipledger.agent.platform-db.password", platform.password());
        properties.put("logging.file.name", dataDir.resolve("logs/ipledger-agent.log").toString());
        properties.put("spring.main.banner-mode", "off");
        return properties;
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
