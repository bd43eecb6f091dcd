package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipledger.master.ApiClient;
import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LedgerSnapshotIT extends OneMaster {

    @Test
    void snapshotHoldsTheWholeStateAtItsSeqWithoutOwnerNames() {
        long pool = new RestFixture(api).poolWithRange("10.120.0.0/24", "10.120.0.1", "10.120.0.99");
        api.post("/api/v1/pools/" + pool + "/allocations", "{\"requestId\":\"snap-1\",\"count\":3,\"owner\":\"vm-private\"}");
        api.patch("/api/v1/addresses/10.120.0.50", "{\"status\":\"reserved\"}");
        assertThat(database.ledgerIsGapFree()).isTrue();

        ApiClient.Response response = api.get("/api/v1/ledger/snapshot");

        assertThat(response.status()).isEqualTo(200);
        JsonNode snapshot = response.json();
        assertThat(snapshot.get("seq").asLong()).isEqualTo(database.count("SELECT MAX(seq) FROM ledger_entry"));
        assertThat(snapshot.get("networks").findValuesAsString("cidr")).contains("10.120.0.0/24");
        assertThat(snapshot.get("ranges").findValuesAsString("start")).contains("10.120.0.1");
        assertThat(snapshot.get("addresses").findValuesAsString("address"))
                .contains("10.120.0.1", "10.120.0.2", "10.120.0.3", "10.120.0.50");
        assertThat(response.body()).doesNotContain("vm-private");
    }

    @Test
    void snapshotNeedsAToken() {
        assertThat(api.withToken(null).get("/api/v1/ledger/snapshot").status()).isEqualTo(401);
    }
}
