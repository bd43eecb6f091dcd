package org.ipledger.master.pool;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.web.AddressParser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code ippool_range} table. */
@Repository
public class RangeRepository {

    private static final String COLUMNS = "id, ippool, ipnet, start_addr, end_addr";

    private final JdbcClient jdbc;

    public RangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long poolId, long networkId, IPAddress start, IPAddress end, String platformId) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ippool_range (ippool, ipnet, start_addr, end_addr, start_bin, end_bin, platform_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(poolId, networkId, start.toCanonicalString(), end.toCanonicalString(),
                        AddressKey.of(start), AddressKey.of(end), platformId)
                .update(key);
        return key.getKey().longValue();
    }

    Optional<Range> find(long poolId, long rangeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool_range WHERE id = ? AND ippool = ?")
                .params(rangeId, poolId).query(RangeRepository::map).optional();
    }

    List<Range> page(long poolId, long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool_range WHERE ippool = ? AND id > ? ORDER BY id LIMIT ?")
                .params(poolId, afterId, limit).query(RangeRepository::map).list();
    }

    List<Range> all(long poolId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool_range WHERE ippool = ? ORDER BY id")
                .param(poolId).query(RangeRepository::map).list();
    }

    /** A range sharing an address with {@code [start, end]}; ranges never overlap, so one candidate. */
    Optional<Range> overlapping(IPAddress start, IPAddress end) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ippool_range WHERE start_bin <= ? AND end_bin >= ? "
                        + "ORDER BY start_bin DESC LIMIT 1")
                .params(AddressKey.of(end), AddressKey.of(start))
                .query(RangeRepository::map).optional();
    }

    /** The range holding the address, if any. */
    public Optional<Range> containing(IPAddress address) {
        return overlapping(address, address);
    }

    boolean hasAddresses(Range range) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM ip WHERE addr_bin BETWEEN ? AND ?)")
                .params(AddressKey.of(AddressParser.address("start", range.start())),
                        AddressKey.of(AddressParser.address("end", range.end())))
                .query(Boolean.class).single();
    }

    void delete(long rangeId) {
        jdbc.sql("DELETE FROM ippool_range WHERE id = ?").param(rangeId).update();
    }

    private static Range map(ResultSet rs, int row) throws SQLException {
        IPAddress start = AddressParser.address("start", rs.getString("start_addr"));
        IPAddress end = AddressParser.address("end", rs.getString("end_addr"));
        BigInteger size = AddressKey.value(end).subtract(AddressKey.value(start)).add(BigInteger.ONE);
        return new Range(rs.getLong("id"), rs.getLong("ippool"), rs.getLong("ipnet"), start.toCanonicalString(),
                end.toCanonicalString(), size.toString());
    }
}
