package org.ipledger.master;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that run against two master-service instances sharing one fresh database. */
public abstract class TwoMasters {

    protected static LedgerDatabase database;
    protected static MasterInstance first;
    protected static MasterInstance second;

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() {
        database = LedgerDatabase.fresh();
        first = database.startMaster();
        second = database.startMaster();
    }

    @AfterAll
    static void stopBoth() {
        second.close();
        first.close();
    }
}
