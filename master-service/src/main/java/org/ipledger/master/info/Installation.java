package org.ipledger.master.info;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This master installation's identity. The instance id lives in the database, so every
 * master-service instance of one master answers with the same one.
 */
@Component
public class Installation {

    private final String instanceId;

    Installation(JdbcClient jdbc) {
        this.instanceId = jdbc.sql("SELECT instance_id FROM installation").query(String.class).single();
    }

    public String instanceId() {
        return instanceId;
    }
}
