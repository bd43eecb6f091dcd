package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ipledger.master.ApiClient;
import org.ipledger.master.TwoMasters;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** I1: no address is handed out twice, whatever the interleaving, across two master instances. */
class ConcurrentAllocationIT extends TwoMasters {

    private static final int THREADS_PER_INSTANCE = 16;
    /**
     * 6,400 allocations: every thread's requests meet the other instance's hundreds of times, in
     * batches of every size; more only lengthen the run.
     */
    private static final int ALLOCATIONS_PER_THREAD = 200;
    /**
     * 1,600 over sixteen pools: 32 threads keep every pool busy at once from the first requests
     * on; more only lengthen the run.
     */
    private static final int SHARED_POOL_ALLOCATIONS_PER_THREAD = 50;

    @Test
    void twoInstancesSixteenThreadsEachNeverAllocateAnAddressTwice() throws Exception {
        ApiClient firstApi = first.adminClient();
        ApiClient secondApi = second.adminClient();
        long pool = new RestFixture(firstApi).poolWithRange("10.20.0.0/16", "10.20.0.1", "10.20.255.254");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<String> failures = new ArrayList<>();

        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2 * THREADS_PER_INSTANCE; t++) {
            RestFixture client = new RestFixture(t % 2 == 0 ? firstApi : secondApi);
            work.add(threads.submit(() -> {
                for (int i = 0; i < ALLOCATIONS_PER_THREAD; i++) {
                    ApiClient.Response response = client.allocate(pool);
                    if (response.status() != 201) {
                        synchronized (failures) {
                            failures.add(response.toString());
                        }
                        continue;
                    }
                    answered.add(response.json().get("addresses").get(0).get("address").asString());
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        threads.shutdown();

        int expected = 2 * THREADS_PER_INSTANCE * ALLOCATIONS_PER_THREAD;
        assertThat(failures).isEmpty();
        assertThat(answered).hasSize(expected);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(expected);
        assertThat(database.count("SELECT COUNT(DISTINCT addr) FROM ip WHERE ippool = ?", pool)).isEqualTo(expected);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE addr IN ('10.20.0.0', '10.20.255.255')")).isZero();
        assertThat(database.count("SELECT COUNT(*) FROM ledger_outbox WHERE entity_key LIKE 'address:10.20.%'"))
                .isEqualTo(expected);
        assertThat(database.count("SELECT COUNT(DISTINCT entity_key) FROM ledger_outbox WHERE entity_key LIKE 'address:10.20.%'"))
                .isEqualTo(expected);
        assertThat(database.ledgerIsGapFree()).isTrue();
    }

    @Test
    void theLowestFreeAddressIsTakenOnEitherInstanceAfterTheOtherReleased() {
        ApiClient firstApi = first.adminClient();
        ApiClient secondApi = second.adminClient();
        long pool = new RestFixture(firstApi).poolWithRange("10.30.0.0/24", "10.30.0.10", "10.30.0.20");
        new RestFixture(firstApi).allocate(pool);
        new RestFixture(secondApi).allocate(pool);
        new RestFixture(firstApi).allocate(pool);

        assertThat(secondApi.delete("/api/v1/addresses/10.30.0.11").status()).isEqualTo(204);

        ApiClient.Response next = new RestFixture(firstApi).allocate(pool);
        assertThat(next.json().get("addresses").get(0).get("address").asString()).isEqualTo("10.30.0.11");
        assertThat(database.ledgerTypes("address:10.30.0.11"))
                .containsExactly("address_allocated", "address_released", "address_allocated");
        assertThat(database.ledgerIsGapFree()).isTrue();
    }

    @Test
    void theDatabaseItselfRefusesASecondRowForAnAddress() {
        long pool = new RestFixture(first.adminClient()).poolWithRange("10.31.0.0/24", "10.31.0.1", "10.31.0.9");
        new RestFixture(first.adminClient()).allocate(pool);

        assertThatThrownBy(() -> database.jdbc().update("INSERT INTO ip (addr_bin, addr, family, ipnet, status, platform_id) "
                + "SELECT addr_bin, addr, family, ipnet, 'reserved', 'master' FROM ip WHERE addr = '10.31.0.1'"))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anAddressWrittenBehindTheEnginesBackIsNeverHandedOut() {
        ApiClient api = first.adminClient();
        long pool = new RestFixture(api).poolWithRange("10.32.0.0/24", "10.32.0.1", "10.32.0.9");
        new RestFixture(api).allocate(pool);
        database.jdbc().update("INSERT INTO ip (addr_bin, addr, family, ipnet, ippool, status, platform_id) "
                + "SELECT UNHEX('00000000000000000000FFFF0A200002'), '10.32.0.2', 4, ipnet, ippool, 'reserved', 'master' "
                + "FROM ip WHERE addr = '10.32.0.1'");

        ApiClient.Response next = new RestFixture(api).allocate(pool);

        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().get("addresses").get(0).get("address").asString()).isEqualTo("10.32.0.3");
    }

    @Test
    void sixteenPoolsServedTogetherInSharedTransactionsNeverAllocateAnAddressTwice() throws Exception {
        ApiClient[] apis = {first.adminClient(), second.adminClient()};
        RestFixture fixture = new RestFixture(apis[0]);
        fixture.network("10.33.0.0/16");
        long[] pools = new long[16];
        for (int p = 0; p < pools.length; p++) {
            pools[p] = fixture.pool("many " + p);
            fixture.range(pools[p], "10.33." + p + ".1", "10.33." + p + ".254");
        }
        List<String> failures = new ArrayList<>();

        ExecutorService threads = Executors.newFixedThreadPool(32);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            RestFixture client = new RestFixture(apis[t % 2]);
            long pool = pools[t % pools.length];
            work.add(threads.submit(() -> {
                for (int i = 0; i < SHARED_POOL_ALLOCATIONS_PER_THREAD; i++) {
                    ApiClient.Response response = client.allocate(pool);
                    if (response.status() != 201) {
                        synchronized (failures) {
                            failures.add(response.toString());
                        }
                    }
                }
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        threads.shutdown();

        assertThat(failures).isEmpty();
        assertThat(database.count("SELECT COUNT(DISTINCT addr) FROM ip WHERE addr LIKE '10.33.%'"))
                .isEqualTo(32 * SHARED_POOL_ALLOCATIONS_PER_THREAD);
        for (long pool : pools) {
            assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool))
                    .isEqualTo(2 * SHARED_POOL_ALLOCATIONS_PER_THREAD);
        }
        assertThat(database.ledgerIsGapFree()).isTrue();
    }
}
