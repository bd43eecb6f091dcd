package org.ipledger.agent.replica;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.ServiceAddresses;
import org.ipledger.agent.api.AddressStatuses;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reads the master's API offers, answered from the replica with the master's rules: keyset
 * pages, computed free and service statuses, and the master's error codes. Networks and pools
 * hidden from this platform's locations, and the addresses in them, answer as if missing; owner
 * names show only on this platform's own addresses (I5).
 */
@Service
class ReplicaQueries {

    private static final String NETWORK_COLUMNS = "n.id, n.cidr, n.name, n.family, n.gateway, n.vlan, n.locations, n.note, "
            + "n.platform_id";
    private static final String ADDRESS_COLUMNS = "a.address, a.status, a.pool_id, a.network_id, a.platform_id, o.owner, "
            + "o.dnsbl, o.note";
    private static final String WITH_OWNERS = " FROM replica_address a LEFT JOIN local_owner o "
            + "ON a.platform_id = ? AND o.address = a.address";

    private final JdbcClient jdbc;
    private final Visibility visibility;
    private final Replica replica;
    private final JsonMapper json = JsonMapper.builder().build();

    ReplicaQueries(JdbcClient jdbc, Visibility visibility, Replica replica) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.replica = replica;
    }

    Page<Views.Network> networks(String cursor, Integer limit) {
        int size = Page.limit(limit);
        Visibility.Condition visible = visibility.visible("network", "n.id");
        List<Views.Network> rows = jdbc.sql("SELECT " + NETWORK_COLUMNS + " FROM replica_network n WHERE n.id > ? AND "
                        + visible.sql() + " ORDER BY n.id LIMIT ?")
                .params(params(Page.idCursor(cursor), visible.params(), size + 1)).query(this::networkRow).list();
        return Page.of(rows, size, n -> Long.toString(n.id()));
    }

    Views.Network network(long id) {
        Visibility.Condition visible = visibility.visible("network", "n.id");
        return jdbc.sql("SELECT " + NETWORK_COLUMNS + " FROM replica_network n WHERE n.id = ? AND " + visible.sql())
                .params(params(id, visible.params())).query(this::networkRow).optional()
                .orElseThrow(() -> ApiException.notFound("network_not_found", "Network " + id + " does not exist."));
    }

    Page<Views.Pool> pools(String cursor, Integer limit) {
        int size = Page.limit(limit);
        Visibility.Condition visible = visibility.visible("pool", "p.id");
        List<Views.Pool> rows = jdbc.sql("SELECT p.id, p.name, p.locations, p.note, p.platform_id FROM replica_pool p "
                        + "WHERE p.id > ? AND " + visible.sql() + " ORDER BY p.id LIMIT ?")
                .params(params(Page.idCursor(cursor), visible.params(), size + 1)).query(this::poolRow).list();
        return Page.of(rows, size, p -> Long.toString(p.id()));
    }

    Views.Pool pool(long id) {
        Visibility.Condition visible = visibility.visible("pool", "p.id");
        return jdbc.sql("SELECT p.id, p.name, p.locations, p.note, p.platform_id FROM replica_pool p WHERE p.id = ? AND "
                        + visible.sql())
                .params(params(id, visible.params())).query(this::poolRow).optional()
                .orElseThrow(() -> ApiException.notFound("pool_not_found", "Pool " + id + " does not exist."));
    }

    Page<Views.Range> ranges(long poolId, String cursor, Integer limit) {
        pool(poolId);
        int size = Page.limit(limit);
        List<Views.Range> rows = jdbc.sql("SELECT id, pool_id, network_id, start_addr, end_addr FROM replica_range "
                        + "WHERE pool_id = ? AND id > ? ORDER BY id LIMIT ?")
                .params(poolId, Page.idCursor(cursor), size + 1)
                .query((rs, n) -> new Views.Range(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), Addresses.size(rs.getString(4), rs.getString(5))))
                .list();
        return Page.of(rows, size, r -> Long.toString(r.id()));
    }

    /** Stored (allocated and reserved) addresses in address order, optionally filtered. */
    Page<Views.Address> addresses(Long poolId, Long networkId, String status, String cursor, Integer limit) {
        int size = Page.limit(limit);
        Query page = addressPage(poolId, networkId, status, cursor, size + 1);
        List<Views.Address> rows = jdbc.sql(page.sql()).params(page.params())
                .query((rs, n) -> address(rs, rs.getString(1), rs.getObject(3, Long.class), rs.getLong(4))).list();
        return Page.of(rows, size, Views.Address::address);
    }

    /** The query of one page of {@link #addresses}, {@code rows} long. */
    Query addressPage(Long poolId, Long networkId, String status, String cursor, int rows) {
        StringBuilder sql = new StringBuilder("SELECT " + ADDRESS_COLUMNS + WITH_OWNERS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        params.add(replica.platformId().orElse(null));
        if (poolId != null) {
            sql.append(" AND a.pool_id = ?");
            params.add(poolId);
        }
        if (networkId != null) {
            sql.append(" AND a.network_id = ?");
            params.add(networkId);
        }
        if (status != null) {
            sql.append(" AND a.status = ?");
            params.add(AddressStatuses.storable(status));
        }
        if (cursor != null && !cursor.isBlank()) {
            sql.append(" AND a.address_key > ?");
            params.add(Addresses.key(AddressParser.address("cursor", cursor)));
        }
        for (Visibility.Condition visible : List.of(visibility.visible("network", "a.network_id"),
                visibility.visible("pool", "a.pool_id"))) {
            sql.append(" AND ").append(visible.sql());
            params.addAll(visible.params());
        }
        // H2 walks an index in order only when the ORDER BY names the index's leading columns; otherwise
        // it sorts every row after the cursor for each page. The filter's column leads its index and is
        // fixed by an equality, so ordering by it first is still address order.
        String leading = poolId != null ? "a.pool_id, " : networkId != null ? "a.network_id, "
                : status != null ? "a.status, " : "";
        sql.append(" ORDER BY ").append(leading).append("a.address_key LIMIT ?");
        params.add(rows);
        return new Query(sql.toString(), params);
    }

    /** One address: stored, or computed as free or service; 404 outside every visible network. */
    Views.Address address(String text) {
        IPAddress address = AddressParser.address("address", text);
        String canonical = address.toCanonicalString();
        byte[] key = Addresses.key(address);
        Views.Network network = containingNetwork(key).orElseThrow(() -> ApiException.notFound(
                "address_not_in_any_network", canonical + " is not inside any network."));
        Long poolId = containingPool(key).orElse(null);
        Optional<Views.Address> stored = jdbc.sql("SELECT " + ADDRESS_COLUMNS + WITH_OWNERS + " WHERE a.address_key = ?")
                .params(replica.platformId().orElse(null), key)
                .query((rs, n) -> address(rs, canonical, poolId, network.id())).optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        boolean service = ServiceAddresses.of(Addresses.trusted(network.cidr()), network.gateway()).contains(address);
        return new Views.Address(canonical, service ? "service" : "free", poolId, network.id(), null, null, null, null);
    }

    private Optional<Views.Network> containingNetwork(byte[] key) {
        Visibility.Condition visible = visibility.visible("network", "n.id");
        return jdbc.sql("SELECT " + NETWORK_COLUMNS + " FROM replica_network n WHERE n.first_key <= ? AND n.last_key >= ? "
                        + "AND " + visible.sql() + " ORDER BY n.first_key DESC LIMIT 1")
                .params(keyParams(key, visible.params())).query(this::networkRow).optional();
    }

    private Optional<Long> containingPool(byte[] key) {
        Visibility.Condition visible = visibility.visible("pool", "r.pool_id");
        return jdbc.sql("SELECT r.pool_id FROM replica_range r WHERE r.start_key <= ? AND r.end_key >= ? AND "
                        + visible.sql() + " ORDER BY r.start_key DESC LIMIT 1")
                .params(keyParams(key, visible.params())).query(Long.class).optional();
    }

    private Views.Address address(ResultSet rs, String address, Long poolId, long networkId) throws SQLException {
        return new Views.Address(address, rs.getString(2), poolId, networkId, rs.getString(5), rs.getString(6),
                dnsbl(rs.getString(7)), rs.getString(8));
    }

    private Views.Network networkRow(ResultSet rs, int row) throws SQLException {
        return new Views.Network(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, Integer.class), locations(rs.getString(7)), rs.getString(8), rs.getString(9));
    }

    private Views.Pool poolRow(ResultSet rs, int row) throws SQLException {
        return new Views.Pool(rs.getLong(1), rs.getString(2), locations(rs.getString(3)), rs.getString(4), rs.getString(5));
    }

    private List<String> locations(String stored) {
        return stored == null ? List.of() : json.readValue(stored, new TypeReference<List<String>>() { });
    }

    /** The platform's DNSBL list as it stored it: JSON when it is JSON, else the text. */
    private JsonNode dnsbl(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JacksonException e) {
            return json.getNodeFactory().textNode(stored);
        }
    }

    /** A SQL query and the values of its placeholders. */
    record Query(String sql, List<Object> params) {
    }

    private static List<Object> params(Object first, List<Object> middle, Object... last) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(middle);
        all.addAll(List.of(last));
        return all;
    }

    /** An address key twice (start at or below, end at or above) and a condition's values. */
    private static List<Object> keyParams(byte[] key, List<Object> rest) {
        List<Object> all = new ArrayList<>(List.of(key, key));
        all.addAll(rest);
        return all;
    }
}
