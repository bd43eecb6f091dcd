package org.ipledger.master.network;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.master.api.Locations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code ipnet} table. */
@Repository
public class NetworkRepository {

    private static final String COLUMNS = "id, addr, prefix, name, family, gateway, vlan, locations, note, platform_id";

    private final JdbcClient jdbc;

    public NetworkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(IPAddress block, String name, String gateway, Integer vlan, List<String> locations, String note,
                String platformId) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ipnet (name, family, addr, prefix, first_bin, last_bin, gateway, vlan, locations, note, platform_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(name, AddressKey.family(block), block.getLower().withoutPrefixLength().toCanonicalString(),
                        block.getNetworkPrefixLength(), AddressKey.of(block.getLower()), AddressKey.of(block.getUpper()),
                        gateway, vlan, Locations.toJson(locations), note, platformId)
                .update(key);
        return key.getKey().longValue();
    }

    public Optional<Network> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ipnet WHERE id = ?").param(id).query(NetworkRepository::map).optional();
    }

    List<Network> page(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ipnet WHERE id > ? ORDER BY id LIMIT ?")
                .params(afterId, limit).query(NetworkRepository::map).list();
    }

    /**
     * A network sharing an address with {@code [first, last]}. Networks never overlap, so the
     * one with the greatest start at or below {@code last} is the only candidate.
     */
    Optional<Network> overlapping(IPAddress first, IPAddress last) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ipnet WHERE first_bin <= ? AND last_bin >= ? "
                        + "ORDER BY first_bin DESC LIMIT 1")
                .params(AddressKey.of(last), AddressKey.of(first))
                .query(NetworkRepository::map).optional();
    }

    /** The network holding the address, if any. */
    public Optional<Network> containing(IPAddress address) {
        return overlapping(address, address);
    }

    void update(Network network) {
        jdbc.sql("UPDATE ipnet SET name = ?, gateway = ?, vlan = ?, locations = ?, note = ? WHERE id = ?")
                .params(network.name(), network.gateway(), network.vlan(), Locations.toJson(network.locations()),
                        network.note(), network.id())
                .update();
    }

    boolean inUse(long id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM ippool_range WHERE ipnet = ?) "
                        + "OR EXISTS (SELECT 1 FROM ip WHERE ipnet = ?)")
                .params(id, id).query(Boolean.class).single();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM ipnet WHERE id = ?").param(id).update();
    }

    /** Marks the pools with ranges in the network as needing a fresh index (service addresses moved). */
    void touchPoolsOf(long networkId) {
        jdbc.sql("UPDATE ippool SET ranges_version = ranges_version + 1 "
                        + "WHERE id IN (SELECT ippool FROM ippool_range WHERE ipnet = ?)")
                .param(networkId).update();
    }

    private static Network map(ResultSet rs, int row) throws SQLException {
        return new Network(rs.getLong("id"), rs.getString("addr") + "/" + rs.getInt("prefix"), rs.getString("name"),
                rs.getInt("family"), rs.getString("gateway"), rs.getObject("vlan", Integer.class),
                Locations.fromJson(rs.getString("locations")), rs.getString("note"), rs.getString("platform_id"));
    }
}
