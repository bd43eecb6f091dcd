package org.ipledger.master.info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/info}: which ipledger this is. The instance id belongs to the installation
 * (it lives in the database), so every master-service instance of one master answers the same;
 * an agent uses it to refuse joining a master that is its own platform.
 */
@RestController
class InfoController {

    private final String instanceId;
    private final String version;

    InfoController(JdbcClient jdbc, ObjectProvider<BuildProperties> build) {
        this.instanceId = jdbc.sql("SELECT instance_id FROM installation").query(String.class).single();
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/api/v1/info")
    Info info() {
        return new Info(instanceId, "master", version);
    }

    record Info(String instanceId, String role, String version) {
    }
}
