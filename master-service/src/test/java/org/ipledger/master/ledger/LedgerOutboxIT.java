package org.ipledger.master.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.ipledger.master.OneMaster;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** I3: every accepted change is in the ledger once, in commit order, numbered without gaps. */
class LedgerOutboxIT extends OneMaster {

    @Test
    void everyChangeOfTheAddressSpaceIsOneLedgerEntryInCommitOrder() {
        RestFixture fixture = new RestFixture(api);
        database.ledgerIsGapFree();
        long before = database.count("SELECT COUNT(*) FROM ledger_outbox");
        long network = fixture.network("10.90.0.0/24");
        long pool = fixture.pool("ledger");
        long range = fixture.range(pool, "10.90.0.1", "10.90.0.9");
        fixture.allocate(pool);
        api.patch("/api/v1/addresses/10.90.0.1", "{\"status\":\"reserved\"}");
        api.delete("/api/v1/addresses/10.90.0.1");
        api.delete("/api/v1/pools/" + pool + "/ranges/" + range);
        api.delete("/api/v1/pools/" + pool);
        api.delete("/api/v1/networks/" + network);

        assertThat(database.ledgerIsGapFree()).isTrue();
        List<Map<String, Object>> entries = database.jdbc().queryForList(
                "SELECT seq, type, entity_key FROM ledger_entry WHERE seq > ? ORDER BY seq", before);

        assertThat(entries).extracting(e -> e.get("type")).containsExactly("network_created", "pool_created",
                "range_added", "address_allocated", "address_reserved", "address_released", "range_removed",
                "pool_deleted", "network_deleted");
        assertThat(entries).extracting(e -> ((Number) e.get("seq")).longValue())
                .containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5, before + 6, before + 7,
                        before + 8, before + 9);
        assertThat(database.ledgerIsGapFree()).isTrue();
    }

    @Test
    void refusedChangesTakeNoSequenceNumber() {
        RestFixture fixture = new RestFixture(api);
        fixture.network("10.91.0.0/24");
        database.ledgerIsGapFree();
        long last = database.count("SELECT COUNT(*) FROM ledger_outbox");

        api.post("/api/v1/networks", "{\"cidr\":\"10.91.0.0/25\",\"name\":\"overlapping\"}");
        fixture.allocate(999_999);

        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox")).isEqualTo(last);
        assertThat(database.ledgerIsGapFree()).isTrue();
    }

    @Test
    void ownerNamesNeverReachTheLedger() {
        long pool = new RestFixture(api).poolWithRange("10.92.0.0/24", "10.92.0.1", "10.92.0.9");
        api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"owner-test-1\",\"owner\":\"vm-secret-name\"}");

        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE entity LIKE '%vm-secret-name%'")).isZero();
        assertThat(database.ledgerTypes("address:10.92.0.1")).containsExactly("address_allocated");
    }

    @Test
    void anOutboxIdLostToARollbackDelaysNumberingOnlyUntilTheHoleTimeout() {
        long pool = new RestFixture(api).poolWithRange("10.93.0.0/24", "10.93.0.1", "10.93.0.9");
        TransactionTemplate rolledBack = new TransactionTemplate(
                new DataSourceTransactionManager(database.jdbc().getDataSource()));
        rolledBack.executeWithoutResult(status -> {
            database.jdbc().update("INSERT INTO ledger_outbox (type, entity_key, platform_id, committed_at, entity) "
                    + "VALUES ('address_allocated', 'address:lost', 'master', UTC_TIMESTAMP(6), '{}')");
            status.setRollbackOnly();
        });

        new RestFixture(api).allocate(pool);

        assertThat(database.ledgerIsGapFree()).isTrue();
        assertThat(database.ledgerTypes("address:10.93.0.1")).containsExactly("address_allocated");
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE entity_key = 'address:lost'")).isZero();
    }
}
