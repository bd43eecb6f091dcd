package org.ipledger.master.structure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database lock that serialises changes to networks, pools and ranges across every master
 * instance, so that an overlap check and the insert it guards cannot interleave with another's.
 * Its row counts the changes: a version of the networks and ranges that readers under the lock
 * can cache them by.
 */
@Component
public class StructureLock {

    private final JdbcClient jdbc;

    public StructureLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the lock to change networks, pools or ranges, until the surrounding transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acquire() {
        jdbc.sql("UPDATE structure_lock SET changes = changes + 1 WHERE id = 1").update();
    }

    /** Takes the lock to read under it, until the surrounding transaction ends; the version it reads. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long acquireToRead() {
        return jdbc.sql("SELECT changes FROM structure_lock WHERE id = 1 FOR UPDATE").query(Long.class).single();
    }
}
