package org.ipledger.agent.migration;

import java.util.ArrayList;
import java.util.List;

import org.ipledger.agent.platformdb.PlatformDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a platform database as a platform would: networks {@code 10.<block>.<n>.0/24}, a pool per
 * network (plus one empty pool), ranges, and allocated addresses, every tenth one with an owner
 * name and a DNSBL list that must never leave the platform.
 */
public final class PlatformRows {

    /** Appears in every owner name and DNSBL entry written here. */
    public static final String SECRET = "secret-owner-marker";

    private PlatformRows() {
    }

    /** 3 networks (/18), 4 pools, 10 ranges and {@code addresses} allocated addresses under 10.{block}.0.0/16. */
    public static void fill(PlatformDatabase platform, int block, int addresses) {
        JdbcTemplate jdbc = new JdbcTemplate(platform.dataSource());
        for (int n = 1; n <= 3; n++) {
            jdbc.update("INSERT INTO ipnet (id, name, addr, prefix, gateway, vlan, locations, note) VALUES (?, ?, ?, 18, ?, ?, ?, ?)",
                    n, "net-" + n, "10." + block + "." + (n - 1) * 64 + ".0", null, 100 + n,
                    n == 1 ? "[\"dc1\"]" : null, "network " + n);
        }
        for (int p = 1; p <= 4; p++) {
            jdbc.update("INSERT INTO ippool (id, name, locations, note) VALUES (?, ?, NULL, ?)", p, "pool-" + p, "pool " + p);
        }
        // Ten ranges: pool 1 has four in network 1, pools 2 and 3 three each in networks 2 and 3.
        int range = 1;
        for (int r = 0; r < 4; r++, range++) {
            jdbc.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (?, 1, 1, ?, ?)", range,
                    "10." + block + "." + (r * 16) + ".1", "10." + block + "." + (r * 16 + 15) + ".254");
        }
        for (int pool = 2; pool <= 3; pool++) {
            for (int r = 0; r < 3; r++, range++) {
                int third = (pool - 1) * 64 + r * 16;
                jdbc.update("INSERT INTO ippool_range (id, ippool, ipnet, start_addr, end_addr) VALUES (?, ?, ?, ?, ?)", range,
                        pool, pool, "10." + block + "." + third + ".1", "10." + block + "." + (third + 15) + ".254");
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < addresses; i++) {
            // Pool 1's four ranges hold 4 x 16 x 254 addresses; spread over them.
            int third = (i / 254) % 64;
            int fourth = i % 254 + 1;
            boolean secret = i % 10 == 0;
            rows.add(new Object[] {1, "10." + block + "." + third + "." + fourth, i % 50 == 7 ? "reserved" : "allocated",
                    secret ? "vm-" + i + "-" + SECRET : null, secret ? "[\"zen." + SECRET + ".example\"]" : null,
                    secret ? "note " + SECRET : null});
        }
        for (int from = 0; from < rows.size(); from += 2_000) {
            jdbc.batchUpdate("INSERT INTO ip (ippool, addr, status, owner, dnsbl, note) VALUES (?, ?, ?, ?, ?, ?)",
                    rows.subList(from, Math.min(rows.size(), from + 2_000)));
        }
    }

    public static long count(PlatformDatabase platform, String table) {
        return new JdbcTemplate(platform.dataSource()).queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
