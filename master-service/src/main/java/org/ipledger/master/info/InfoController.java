package org.ipledger.master.info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/info}: which ipledger this is; an agent uses the instance id to refuse
 * joining a master that is its own platform.
 */
@RestController
class InfoController {

    private final String instanceId;
    private final String version;

    InfoController(Installation installation, ObjectProvider<BuildProperties> build) {
        this.instanceId = installation.instanceId();
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
