package org.ipledger.master;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real master-service (Spring Boot application, HTTP on 127.0.0.1, random port) on a given
 * database. Several instances on one database behave as a scaled-out master.
 */
public final class MasterInstance implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin-password";

    private final ConfigurableApplicationContext context;

    private MasterInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static MasterInstance start(String jdbcUrl, String username, String password, String... extra) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        properties.put("server.port", "0");
        // Several masters share a JVM in the tests.
        properties.put("management.server.port", "0");
        properties.put("ipledger.admin.email", ADMIN_EMAIL);
        properties.put("ipledger.admin.password", ADMIN_PASSWORD);
        properties.put("spring.main.banner-mode", "off");
        for (String pair : extra) {
            int eq = pair.indexOf('=');
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        // As command-line arguments, so they win over application.yml as an operator's would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MasterServiceApplication.class).run(args);
        return new MasterInstance(context);
    }

    public String baseUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    /** Where its actuator answers: the management port, not the API's. */
    public String managementUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }

    public ApiClient adminClient() {
        return ApiClient.loggedIn(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
