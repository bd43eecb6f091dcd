package org.ipledger.agent.integration;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.ipledger.web.InstanceIdentity;
import org.ipledger.web.RoleNames;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;

/**
 * The checks of the join that protect an address space: the URL must be a master, not this
 * agent or another one, and not the master whose database is this platform's own.
 */
final class MasterChecks {

    private MasterChecks() {
    }

    static void verifyMaster(JsonNode info, String ownInstanceId, PlatformDatabase platform, String masterUrl) {
        String instanceId = info.get("instanceId").asString();
        if (instanceId.equals(ownInstanceId)) {
            throw new JoinRefused(HttpStatus.CONFLICT, "master_is_this_agent",
                    masterUrl + " is this agent itself, not the master");
        }
        if (!InstanceIdentity.MASTER.equals(info.get("role").asString())) {
            throw new JoinRefused(HttpStatus.CONFLICT, "master_is_an_agent", masterUrl + " is an ipledger "
                    + info.get("role").asString() + " (instance " + instanceId + "), not the master: give the master's URL");
        }
        if (masterInstanceIn(platform).filter(instanceId::equals).isPresent()) {
            throw new JoinRefused(HttpStatus.CONFLICT, "master_is_this_platform", "The master at " + masterUrl
                    + " keeps its ledger in this platform's own database: joining would hand the master's address "
                    + "space to itself and empty it. Install the agent only on the other platforms");
        }
    }

    static void verifyAdmin(JsonNode login) {
        for (JsonNode role : login.path("roles")) {
            if (RoleNames.ADMIN.equals(role.asString())) {
                return;
            }
        }
        throw new JoinRefused(HttpStatus.FORBIDDEN, "master_user_not_admin",
                "The user logged in to the master but does not have role @admin, which joining needs");
    }

    /** The master installation whose database this is, if the platform database is a master's. */
    private static Optional<String> masterInstanceIn(PlatformDatabase platform) {
        try {
            return platform.jdbc().sql("SELECT instance_id FROM installation").query(String.class).optional();
        } catch (DataAccessException e) {
            return Optional.empty();
        }
    }
}
