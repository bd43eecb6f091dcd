package org.ipledger.master.info;

import org.ipledger.web.InstanceIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This master installation's identity. The instance id lives in the database, so every
 * master-service instance of one master answers with the same one.
 */
@Component
public class Installation implements InstanceIdentity {

    private final String instanceId;

    Installation(JdbcClient jdbc) {
        this.instanceId = jdbc.sql("SELECT instance_id FROM installation").query(String.class).single();
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String role() {
        return MASTER;
    }
}
