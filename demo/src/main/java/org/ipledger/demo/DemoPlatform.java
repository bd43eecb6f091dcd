package org.ipledger.demo;

import java.util.List;

/**
 * One platform of the demo: its name (also its directory and its log file), kind, locations,
 * the agent's port, the script that seeds its database before it joins, and the pool and owner
 * of the allocation the demo suggests trying through it.
 */
public record DemoPlatform(String name, String kind, List<String> locations, int port, String seedScript,
        String tryPool, String tryOwner) {

    /** A VM cloud manager in dc-west: the dcimanager's dc-east-only network stays out of its view. */
    public static DemoPlatform vmmanager(int port) {
        return new DemoPlatform("vmmanager", "vmmanager", List.of("dc-west"), port, "seed/vmmanager.sql", "vm-public", "vm-web-3");
    }

    /** A bare-metal server manager in two locations, one of its networks limited to dc-east. */
    public static DemoPlatform dcimanager(int port) {
        return new DemoPlatform("dcimanager", "dcimanager", List.of("dc-east", "dc-west"), port, "seed/dcimanager.sql",
                "east-servers", "srv-east-03");
    }

    DemoPlatform onPort(int newPort) {
        return new DemoPlatform(name, kind, locations, newPort, seedScript, tryPool, tryOwner);
    }
}
