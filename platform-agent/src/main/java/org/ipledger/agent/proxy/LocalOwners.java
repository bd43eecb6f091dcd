package org.ipledger.agent.proxy;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Owner names of this platform's addresses, kept in the agent's own database and never sent to
 * the master (I5).
 */
@Repository
class LocalOwners {

    private final JdbcClient jdbc;

    LocalOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers the owner of every address of an allocation's answer {@code {addresses:[{address}]}}. */
    void remember(JsonNode allocation, String owner) {
        if (allocation == null) {
            return;
        }
        for (JsonNode address : allocation.path("addresses")) {
            jdbc.sql("MERGE INTO local_owner (address, owner) KEY (address) VALUES (?, ?)")
                    .params(address.path("address").asString(), owner).update();
        }
    }

    void forget(String address) {
        jdbc.sql("DELETE FROM local_owner WHERE address = ?").param(address).update();
    }
}
