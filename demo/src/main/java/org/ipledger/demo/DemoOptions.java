package org.ipledger.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * What a demo run is given: where it keeps its data, whether it starts over, the administrator
 * it creates on the master, and the ports (0 = a free one, as the tests ask).
 *
 * @param dataDir everything the run keeps: the master's database and broker, each platform's
 *        database and agent state, the logs
 * @param fresh true to delete {@code dataDir} first
 * @param masterPort the master's HTTP port
 * @param kafkaPort the master's in-process broker's port
 * @param platforms the platforms to run and join
 */
public record DemoOptions(Path dataDir, boolean fresh, String adminEmail, String adminPassword, int masterPort,
        int kafkaPort, List<DemoPlatform> platforms) {

    public static final String DEFAULT_EMAIL = "admin@example.com";

    /** Printed on every run: the demo is for a first look on one machine, never for keeping. */
    public static final String DEFAULT_PASSWORD = "demo-password";

    /** The README's demo: master on 8080 and broker on 9092, a vmmanager on 8081, a dcimanager on 8082. */
    public static DemoOptions defaults(Path dataDir, boolean fresh, String adminEmail, String adminPassword) {
        return new DemoOptions(dataDir, fresh, adminEmail, adminPassword, 8080, 9092,
                List.of(DemoPlatform.vmmanager(8081), DemoPlatform.dcimanager(8082)));
    }

    /** The same system on free ports, as the tests run it next to other work. */
    public DemoOptions onFreePorts() {
        return new DemoOptions(dataDir, fresh, adminEmail, adminPassword, 0, 0,
                platforms.stream().map(platform -> platform.onPort(0)).toList());
    }

    @Override
    public String toString() {
        return "DemoOptions[dataDir=" + dataDir + ", fresh=" + fresh + ", adminEmail=" + adminEmail
                + ", adminPassword=***, masterPort=" + masterPort + ", kafkaPort=" + kafkaPort + ", platforms="
                + platforms + "]";
    }
}
