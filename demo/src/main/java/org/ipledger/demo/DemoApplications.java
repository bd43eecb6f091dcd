package org.ipledger.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ipledger.agent.PlatformAgentApplication;
import org.ipledger.master.MasterServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the demo's Spring Boot applications in this JVM on their embedded defaults: the master
 * with its MariaDB and Kafka broker, and an agent per platform with an embedded platform MariaDB,
 * each with a data directory of its own. Their shutdown is the demo's, in order, not Spring's hook.
 */
final class DemoApplications {

    private DemoApplications() {
    }

    static ConfigurableApplicationContext master(DemoOptions options) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ipledger.data-dir", options.dataDir().resolve("master").toString());
        properties.put("server.port", Integer.toString(options.masterPort()));
        properties.put("management.server.port", Integer.toString(managementPort(options.masterPort())));
        properties.put("ipledger.kafka.embedded-port", Integer.toString(options.kafkaPort()));
        properties.put("ipledger.admin.email", options.adminEmail());
        properties.put("ipledger.admin.password", options.adminPassword());
        return run(new SpringApplicationBuilder(MasterServiceApplication.class), properties);
    }

    static ConfigurableApplicationContext agent(DemoPlatform platform, Path dataDir) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ipledger.data-dir", dataDir.resolve(platform.name()).toString());
        properties.put("server.port", Integer.toString(platform.port()));
        properties.put("management.server.port", Integer.toString(managementPort(platform.port())));
        properties.put("ipledger.agent.platform-kind", platform.kind());
        properties.put("ipledger.agent.platform-name", platform.name());
        if (!platform.locations().isEmpty()) {
            properties.put("ipledger.agent.locations", String.join(",", platform.locations()));
        }
        return run(PlatformAgentApplication.builder(), properties);
    }

    /**
     * The services of the demo share one host: each one's actuator 1000 above its API port (8080
     * and 9080, ...), or on a free port too when the API's is one (port 0).
     */
    static int managementPort(int apiPort) {
        return apiPort == 0 ? 0 : apiPort + 1000;
    }

    static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, Map<String, String> properties) {
        properties.put("spring.main.banner-mode", "off");
        // As command-line arguments, so they win over the environment and the applications' yml.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return builder.registerShutdownHook(false).logStartupInfo(true).run(args);
    }
}
