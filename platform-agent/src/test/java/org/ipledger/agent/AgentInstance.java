package org.ipledger.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipledger.agent.integration.SetupToken;
import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.master.ApiClient;
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
    private final Path dataDir;

    private AgentInstance(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
    }

    public static AgentInstance start(Path dataDir, PlatformDatabase platform, String... extra) {
        Map<String, Object> properties = properties(dataDir, platform);
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        for (String pair : extra) {
            int eq = pair.indexOf('=');
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new AgentInstance(PlatformAgentApplication.builder().run(args), dataDir);
    }

    /** The same agent in a JVM of its own, on a fixed port, to be killed by a test: see {@link KillableAgent}. */
    static ServiceProcess startProcess(Path dataDir, PlatformDatabase platform, int port, List<String> more) {
        List<String> properties = new ArrayList<>(properties(dataDir, platform).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
        properties.addAll(more);
        // Generous: a fault test restarts agents while other JVMs compete for the same two cores.
        return ServiceProcess.start(PlatformAgentApplication.class, properties, port, dataDir.resolve("process.log"),
                Duration.ofSeconds(240));
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

    /** The setup token an agent with this data directory made at its first start, as its operator would read it. */
    public static String setupToken(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(SetupToken.FILE_NAME)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An anonymous client of its REST API that carries its setup token, as its operator's would. */
    public ApiClient operator() {
        return operator(baseUrl(), dataDir);
    }

    /** An anonymous client of the agent at {@code baseUrl} with this data directory that carries its setup token. */
    public static ApiClient operator(String baseUrl, Path dataDir) {
        return new ApiClient(baseUrl, null).withHeader(SetupToken.HEADER, setupToken(dataDir));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Where its actuator answers: the management port, not the API's. */
    public String managementUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
