package org.ipledger.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/info}: which ipledger answers. An agent uses it to refuse joining a master
 * that is its own platform, another agent, or itself. A service takes it with {@code @Import}
 * and provides its {@link InstanceIdentity}.
 */
@RestController
public class InfoController {

    private final InstanceIdentity identity;
    private final String version;

    public InfoController(InstanceIdentity identity, ObjectProvider<BuildProperties> build) {
        this.identity = identity;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/api/v1/info")
    Info info() {
        return new Info(identity.instanceId(), identity.role(), version);
    }

    /** The body of {@code GET /api/v1/info}. */
    public record Info(String instanceId, String role, String version) {
    }
}
