package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.web.AddressParser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a pool's {@link FreeSpaceIndex} from the database: its ranges, their networks' service
 * addresses, and the stored addresses inside each range, streamed in key order.
 */
@Component
class FreeSpaceIndexLoader {

    private final JdbcTemplate jdbc;

    FreeSpaceIndexLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    FreeSpaceIndex load(long poolId, PoolState state) {
        List<RangeSpace> ranges = new ArrayList<>();
        jdbc.query("""
                SELECT r.id, r.ipnet, r.start_addr, r.end_addr, n.addr, n.prefix, n.gateway
                FROM ippool_range r JOIN ipnet n ON n.id = r.ipnet
                WHERE r.ippool = ? ORDER BY r.start_bin""", rs -> {
            RangeSpace range = new RangeSpace(rs.getLong(1), rs.getLong(2),
                    AddressParser.address("start", rs.getString(3)), AddressParser.address("end", rs.getString(4)));
            IPAddress network = AddressParser.network("cidr", rs.getString(5) + "/" + rs.getInt(6));
            ServiceAddresses.of(network, rs.getString(7)).forEach(range::markService);
            ranges.add(range);
        }, poolId);
        for (RangeSpace range : ranges) {
            loadUsed(range);
        }
        return new FreeSpaceIndex(poolId, ranges, state.version(), state.rangesVersion());
    }

    private void loadUsed(RangeSpace range) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT addr_bin FROM ip WHERE addr_bin BETWEEN ? AND ? ORDER BY addr_bin",
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
            // Streams the rows instead of buffering millions of them (MySQL Connector/J convention).
            statement.setFetchSize(Integer.MIN_VALUE);
            statement.setBytes(1, AddressKey.of(range.start()));
            statement.setBytes(2, AddressKey.of(range.end()));
            return statement;
        }, rs -> {
            range.markUsed(AddressKey.address(rs.getBytes(1)));
        });
        range.optimize();
    }
}
