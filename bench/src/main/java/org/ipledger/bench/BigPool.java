package org.ipledger.bench;

import org.ipledger.master.RestFixture;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A network wholly covered by one pool, with addresses 1..count allocated, loaded straight into
 * the address table a million per statement: the fastest way to a pool of millions.
 */
record BigPool(long network, long pool) {

    /** 10.0.0.0/8 with 10.0.0.1.. allocated. */
    static BigPool ipv4(RestFixture rest, JdbcTemplate jdbc, long count) {
        return create(rest, jdbc, "10.0.0.0/8", "big v4", count,
                "CONCAT(UNHEX('00000000000000000000FFFF'), UNHEX(LPAD(HEX(167772160 + seq), 8, '0')))",
                "INET_NTOA(167772160 + seq)", 4);
    }

    /** 2001:db8::/64 with 2001:db8::1.. allocated. */
    static BigPool ipv6(RestFixture rest, JdbcTemplate jdbc, long count) {
        return create(rest, jdbc, "2001:db8::/64", "big v6", count,
                "CONCAT(UNHEX('20010DB8000000000000'), UNHEX(LPAD(HEX(seq), 12, '0')))",
                "INET6_NTOA(CONCAT(UNHEX('20010DB8000000000000'), UNHEX(LPAD(HEX(seq), 12, '0'))))", 6);
    }

    private static BigPool create(RestFixture rest, JdbcTemplate jdbc, String cidr, String name, long count,
                                  String keyExpression, String textExpression, int family) {
        long network = rest.network(cidr);
        long pool = rest.pool(name);
        rest.rangeCidr(pool, cidr);
        long start = System.nanoTime();
        for (long from = 1; from <= count; from += 1_000_000) {
            long to = Math.min(count, from + 999_999);
            jdbc.update("INSERT INTO ip (addr_bin, addr, family, ipnet, ippool, status, platform_id) SELECT "
                    + keyExpression + ", " + textExpression + ", " + family + ", " + network + ", " + pool
                    + ", 'allocated', 'master' FROM seq_" + from + "_to_" + to);
        }
        // The index was built before the preload; make every instance rebuild it from the table.
        jdbc.update("UPDATE ippool SET ranges_version = ranges_version + 1 WHERE id = ?", pool);
        System.out.printf("preload %s: %,d rows in %.1f s%n", cidr, count, (System.nanoTime() - start) / 1e9);
        return new BigPool(network, pool);
    }
}
