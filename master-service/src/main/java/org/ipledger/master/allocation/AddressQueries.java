package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkRepository;
import org.ipledger.master.platform.MasterPlatform;
import org.ipledger.master.pool.Range;
import org.ipledger.master.pool.RangeRepository;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of addresses: one address with its computed status, and pages of stored addresses. */
@Service
public class AddressQueries {

    private final JdbcClient jdbc;
    private final NetworkRepository networks;
    private final RangeRepository ranges;

    AddressQueries(JdbcClient jdbc, NetworkRepository networks, RangeRepository ranges) {
        this.jdbc = jdbc;
        this.networks = networks;
        this.ranges = ranges;
    }

    /** @param owners whether the caller may see owner names ({@link #ownerShown}) */
    public AddressView describe(IPAddress address, boolean owners) {
        Network network = networks.containing(address).orElseThrow(() -> notInAnyNetwork(address));
        Long poolId = ranges.containing(address).map(Range::poolId).orElse(null);
        Optional<AddressView> stored = jdbc.sql("SELECT status, platform_id, owner FROM ip WHERE addr_bin = ?")
                .param(AddressKey.of(address))
                .query((rs, n) -> new AddressView(address.toCanonicalString(), rs.getString(1), poolId, network.id(),
                        rs.getString(2), ownerShown(owners, rs.getString(2), rs.getString(3))))
                .optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        boolean service = ServiceAddresses.of(network.block(), network.gateway()).contains(address);
        String status = (service ? AddressStatus.SERVICE : AddressStatus.FREE).json();
        return new AddressView(address.toCanonicalString(), status, poolId, network.id(), null, null);
    }

    /**
     * Stored (allocated and reserved) addresses in address order, optionally filtered.
     *
     * @param prefix only addresses inside this block, or null
     * @param platformId only addresses of this platform, or null
     */
    public Page<AddressView> list(Long poolId, Long networkId, String status, IPAddress prefix, String platformId,
                                  String cursor, Integer limit, boolean owners) {
        int size = Page.limit(limit);
        StringBuilder sql = new StringBuilder("SELECT addr, status, ippool, ipnet, platform_id, owner FROM ip WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (poolId != null) {
            sql.append(" AND ippool = ?");
            params.add(poolId);
        }
        if (networkId != null) {
            sql.append(" AND ipnet = ?");
            params.add(networkId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(AddressStatus.storable(status).json());
        }
        if (prefix != null) {
            sql.append(" AND addr_bin BETWEEN ? AND ?");
            params.add(AddressKey.of(prefix.getLower()));
            params.add(AddressKey.of(prefix.getUpper()));
        }
        if (platformId != null) {
            sql.append(" AND platform_id = ?");
            params.add(platformId);
        }
        if (cursor != null && !cursor.isBlank()) {
            sql.append(" AND addr_bin > ?");
            params.add(AddressKey.of(AddressParser.address("cursor", cursor)));
        }
        sql.append(" ORDER BY addr_bin LIMIT ?");
        params.add(size + 1);
        List<AddressView> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AddressView(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getLong(4), rs.getString(5), ownerShown(owners, rs.getString(5), rs.getString(6))))
                .list();
        return Page.of(rows, size, AddressView::address);
    }

    /**
     * Owner names are the platform's own (I5): only the master's own addresses carry them here, and
     * only for administrators, never for another platform's token or a user without {@code @admin}.
     */
    private static String ownerShown(boolean owners, String platformId, String owner) {
        return owners && MasterPlatform.ID.equals(platformId) ? owner : null;
    }

    static ApiException notInAnyNetwork(IPAddress address) {
        return ApiException.notFound("address_not_in_any_network",
                address.toCanonicalString() + " is not inside any network.");
    }
}
