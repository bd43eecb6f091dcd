package org.ipledger.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Owners written together for concurrent allocations are each committed before their request returns. */
class LocalOwnersTests {

    private final JdbcDataSource state = new JdbcDataSource();
    private final JsonMapper json = JsonMapper.builder().build();
    private LocalOwners owners;
    private JdbcClient jdbc;

    @BeforeEach
    void migrate() {
        state.setURL("jdbc:h2:mem:local-owners-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(state).locations("classpath:db/agent").load().migrate();
        jdbc = JdbcClient.create(state);
        owners = new LocalOwners(jdbc, new TransactionTemplate(new DataSourceTransactionManager(state)));
    }

    @AfterEach
    void close() {
        owners.close();
    }

    @Test
    void everyConcurrentRequestFindsItsOwnersStoredWhenItReturns() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String address = "10.0." + (i / 256) + "." + (i % 256);
                String owner = "vm-" + i;
                requests.add(threads.submit(() -> {
                    owners.remember(allocation(address), owner);
                    assertThat(ownerOf(address)).isEqualTo(owner);
                    return null;
                }));
            }
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM local_owner").query(Long.class).single()).isEqualTo(400);
    }

    @Test
    void anOwnerTheTableCannotHoldFailsItsOwnRequestOnly() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> good = new ArrayList<>();
            Future<?> tooLong = null;
            for (int i = 0; i < 64; i++) {
                String address = "10.1.0." + i;
                String owner = i == 20 ? "x".repeat(300) : "vm-" + i;
                Future<?> request = threads.submit(() -> {
                    owners.remember(allocation(address), owner);
                    return null;
                });
                if (i == 20) {
                    tooLong = request;
                } else {
                    good.add(request);
                }
            }
            for (Future<?> request : good) {
                request.get();
            }
            assertThatThrownBy(tooLong::get).hasCauseInstanceOf(DataAccessException.class);
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM local_owner").query(Long.class).single()).isEqualTo(63);
        assertThat(ownerOf("10.1.0.20")).isNull();
    }

    @Test
    void everyAddressOfAnAllocationGetsTheOwner() {
        owners.remember(json.readTree("{\"addresses\":[{\"address\":\"10.2.0.1\"},{\"address\":\"10.2.0.2\"}]}"), "db");

        assertThat(ownerOf("10.2.0.1")).isEqualTo("db");
        assertThat(ownerOf("10.2.0.2")).isEqualTo("db");
    }

    private JsonNode allocation(String address) {
        return json.readTree("{\"addresses\":[{\"address\":\"" + address + "\"}]}");
    }

    private String ownerOf(String address) {
        return jdbc.sql("SELECT owner FROM local_owner WHERE address = ?").param(address).query(String.class).optional()
                .orElse(null);
    }
}
