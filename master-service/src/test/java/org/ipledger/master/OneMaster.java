package org.ipledger.master;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the tests that run against one master-service on a fresh database of their own. */
public abstract class OneMaster {

    protected static LedgerDatabase database;
    protected static MasterInstance master;
    protected static ApiClient api;

    @BeforeAll
    static void startMaster() {
        database = LedgerDatabase.fresh();
        master = database.startMaster();
        api = master.adminClient();
    }

    @AfterAll
    static void stopMaster() {
        master.close();
    }
}
