package org.ipledger.master.platform;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A joined platform as {@code GET /api/v1/platforms} shows it: never its secret. {@code lag} is
 * how many ledger entries it has not yet applied, when it has reported its position;
 * {@code registeredAt} when it first registered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String id, String name, String kind, String instanceId, List<String> locations, String state,
                       Instant registeredAt, Instant lastSeenAt, Long lag) {
}
