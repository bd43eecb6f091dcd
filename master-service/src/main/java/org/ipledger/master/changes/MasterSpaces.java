package org.ipledger.master.changes;

import java.util.List;

import org.ipledger.web.AddressParser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the master's networks and ranges into an {@link AddressSpace}, and keeps the last one read
 * under the structure lock by its version, so that the change events of a busy platform do not
 * read and parse every network and range for each batch.
 */
@Component
class MasterSpaces {

    private record Versioned(long version, AddressSpace space) {
    }

    private final JdbcTemplate jdbc;
    private volatile Versioned last = new Versioned(-1, null);

    MasterSpaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The space at this version of the structure, read under the structure lock that returned it. */
    AddressSpace at(long version) {
        Versioned cached = last;
        if (cached.version() != version) {
            cached = new Versioned(version, load());
            last = cached;
        }
        return cached.space();
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
