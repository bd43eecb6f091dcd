package org.ipledger.master.changes;

import java.util.List;

import org.ipledger.master.address.AddressParser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the master's networks and ranges into an {@link AddressSpace}. */
@Component
class MasterSpaces {

    private final JdbcTemplate jdbc;

    MasterSpaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    AddressSpace load() {
        List<AddressSpace.NetworkSpan> networks = jdbc.query(
                "SELECT id, addr, prefix, name, gateway, vlan, platform_id FROM ipnet", (rs, n) ->
                        AddressSpace.NetworkSpan.of(AddressSpace.Ref.master(rs.getLong(1)),
                                AddressParser.network("cidr", rs.getString(2) + "/" + rs.getInt(3)), rs.getString(4),
                                rs.getString(5), rs.getObject(6, Integer.class), rs.getString(7)));
        List<AddressSpace.RangeSpan> ranges = jdbc.query(
                "SELECT id, ippool, ipnet, start_bin, end_bin, start_addr, end_addr, platform_id FROM ippool_range",
                (rs, n) -> new AddressSpace.RangeSpan(rs.getBytes(4), rs.getBytes(5), AddressSpace.Ref.master(rs.getLong(1)),
                        AddressSpace.Ref.master(rs.getLong(2)), AddressSpace.Ref.master(rs.getLong(3)),
                        rs.getString(6) + "-" + rs.getString(7), rs.getString(8)));
        return new AddressSpace(networks, ranges);
    }
}
