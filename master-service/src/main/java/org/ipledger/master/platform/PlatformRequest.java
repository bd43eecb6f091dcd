package org.ipledger.master.platform;

import java.util.List;

/** The body of {@code POST /api/v1/platforms}: what an agent tells about its platform when it joins. */
public record PlatformRequest(String name, String kind, String instanceId, List<String> locations) {
}
