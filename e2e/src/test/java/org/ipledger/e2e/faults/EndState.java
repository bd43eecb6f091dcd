package org.ipledger.e2e.faults;

import java.util.List;
import java.util.Map;

/**
 * What the run left behind, read once every fault has healed: the master's address rows, the
 * ledger as a reader of its topic sees it, each platform's view through its agent and the
 * master's, the rows the platforms wrote locally and where they ended up.
 *
 * @param masterAddresses every allocated or reserved address row on the master
 * @param ledger every record of the ledger topic in topic order, repeats included
 * @param masterView the master's listing of the shared address space, to compare replicas with
 * @param replicaViews each platform's listing of the same through its agent
 * @param agentStates each platform's integration state
 * @param captured every row a platform wrote into its own tables, with where it is now
 * @param foreignViews for each platform, what is readable outside it: the master's and the other
 *        agents' answers, and the ledger topic
 * @param ownerTextsOnMaster values stored anywhere in the master's database that hold an owner
 *        name's mark
 */
record EndState(List<MasterAddress> masterAddresses, List<LedgerRecord> ledger, String masterView,
                Map<Integer, String> replicaViews, Map<Integer, String> agentStates, List<CapturedRow> captured,
                Map<Integer, List<String>> foreignViews, long ownerTextsOnMaster) {

    /** Every owner name of the run, the clients' and the platforms' own, holds it; nothing else does. */
    static final String OWNER_MARK = "-vm-";

    /** A record of the ledger topic: its seq and its entry as published. */
    record LedgerRecord(long seq, String entry) {
    }

    /** An address row on the master; {@code requestId} is null for a row that came by capture. */
    record MasterAddress(String address, String requestId, String platformId) {
    }

    /**
     * A row written into a platform's own table: how many copies the master holds, whether it is
     * still in the platform's table, and for an address its owner and whether its own agent still
     * reads the address with that owner.
     */
    record CapturedRow(int platform, String table, String key, int copiesOnMaster, boolean leftLocally, String owner,
                       boolean ownerKeptAtHome) {

        static CapturedRow of(int platform, String table, String key, int copiesOnMaster, boolean leftLocally) {
            return new CapturedRow(platform, table, key, copiesOnMaster, leftLocally, null, true);
        }
    }
}
