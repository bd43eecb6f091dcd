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
 * @param foreignViews for each platform, what is readable outside it (the master, other agents)
 */
record EndState(List<MasterAddress> masterAddresses, List<LedgerRecord> ledger, String masterView,
                Map<Integer, String> replicaViews, Map<Integer, String> agentStates, List<CapturedRow> captured,
                Map<Integer, List<String>> foreignViews) {

    /** A record of the ledger topic: its seq and its entry as published. */
    record LedgerRecord(long seq, String entry) {
    }

    /** An address row on the master; {@code requestId} is null for a row that came by capture. */
    record MasterAddress(String address, String requestId, String platformId) {
    }

    /**
     * A row written into a platform's own table: how many copies the master holds and whether
     * it is still in the platform's table.
     */
    record CapturedRow(int platform, String table, String key, int copiesOnMaster, boolean leftLocally) {
    }
}
