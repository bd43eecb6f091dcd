package org.ipledger.agent.replica;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ipledger.schemas.ledger.AddressEntity;
import org.ipledger.schemas.ledger.LedgerEntry;
import org.ipledger.schemas.ledger.LedgerEntryType;
import org.ipledger.schemas.ledger.NetworkEntity;
import org.ipledger.schemas.ledger.PoolEntity;
import org.ipledger.schemas.ledger.RangeEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replica's tables in the agent's H2 state database: every write of a snapshot or a ledger
 * entry, and the position. Entities carry their whole state, so every write is an upsert or a
 * delete and applying an entry twice changes nothing. Callers hold the transaction.
 */
@Repository
class ReplicaStore {

    private static final String NETWORK = "network";
    private static final String POOL = "pool";
    private static final String MERGE_NETWORK = "MERGE INTO replica_network (id, cidr, name, family, gateway, vlan, "
            + "locations, note, platform_id, first_key, last_key) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MERGE_POOL = "MERGE INTO replica_pool (id, name, locations, note, platform_id) KEY (id) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String MERGE_RANGE = "MERGE INTO replica_range (id, pool_id, network_id, start_addr, end_addr, "
            + "start_key, end_key) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String MERGE_ADDRESS = "MERGE INTO replica_address (address_key, address, status, pool_id, "
            + "network_id, platform_id) KEY (address_key) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_LOCATION = "INSERT INTO replica_location (kind, entity_id, location) VALUES (?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ReplicaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ReplicaPosition position() {
        return jdbc.queryForObject("SELECT * FROM replica_position WHERE id = 1", (rs, n) -> new ReplicaPosition(
                rs.getBoolean("loaded"), rs.getLong("applied_seq"), Optional.ofNullable(rs.getObject("next_offset", Long.class)),
                Optional.ofNullable(rs.getObject("snapshot_at", java.time.OffsetDateTime.class)).map(t -> t.toInstant()),
                Optional.ofNullable(rs.getString("master_url")), Optional.ofNullable(rs.getString("platform_id"))));
    }

    /** Forgets everything: the replica of no master. */
    void clear() {
        for (String table : List.of("replica_address", "replica_range", "replica_pool", "replica_network", "replica_location")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE replica_position SET loaded = FALSE, applied_seq = 0, next_offset = NULL, snapshot_at = NULL, "
                + "master_url = NULL, platform_id = NULL WHERE id = 1");
    }

    /** Marks a freshly loaded snapshot: the tail finds its start offset from {@code requestedAt}. */
    void loaded(long seq, Instant requestedAt, String masterUrl, String platformId) {
        jdbc.update("UPDATE replica_position SET loaded = TRUE, applied_seq = ?, next_offset = NULL, snapshot_at = ?, "
                + "master_url = ?, platform_id = ? WHERE id = 1", seq, Timestamp.from(requestedAt), masterUrl, platformId);
    }

    void advanced(long appliedSeq, long nextOffset) {
        jdbc.update("UPDATE replica_position SET applied_seq = ?, next_offset = ? WHERE id = 1", appliedSeq, nextOffset);
    }

    /**
     * Applies ledger entries in their order. A run of consecutive address upserts, most of a busy
     * ledger, goes to the database as one batch: executed in order, so a later entry of the same
     * address still wins.
     */
    void apply(List<LedgerEntry> entries) {
        List<AddressEntity> upserts = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            if (entry.type() == LedgerEntryType.ADDRESS_ALLOCATED || entry.type() == LedgerEntryType.ADDRESS_RESERVED) {
                upserts.add((AddressEntity) entry.entity());
            } else {
                upsert(upserts);
                apply(entry);
            }
        }
        upsert(upserts);
    }

    private void upsert(List<AddressEntity> run) {
        if (!run.isEmpty()) {
            addresses(run);
            run.clear();
        }
    }

    /** Applies one ledger entry. */
    void apply(LedgerEntry entry) {
        switch (entry.type()) {
            case NETWORK_CREATED, NETWORK_UPDATED -> networks(List.of((NetworkEntity) entry.entity()));
            case NETWORK_DELETED -> delete(NETWORK, ((NetworkEntity) entry.entity()).id());
            case POOL_CREATED, POOL_UPDATED -> pools(List.of((PoolEntity) entry.entity()));
            case POOL_DELETED -> delete(POOL, ((PoolEntity) entry.entity()).id());
            case RANGE_ADDED -> ranges(List.of((RangeEntity) entry.entity()));
            case RANGE_REMOVED -> jdbc.update("DELETE FROM replica_range WHERE id = ?", ((RangeEntity) entry.entity()).id());
            case ADDRESS_ALLOCATED, ADDRESS_RESERVED -> addresses(List.of((AddressEntity) entry.entity()));
            case ADDRESS_RELEASED -> jdbc.update("DELETE FROM replica_address WHERE address_key = ?",
                    (Object) Addresses.key(((AddressEntity) entry.entity()).address()));
        }
    }

    void networks(List<NetworkEntity> networks) {
        List<Object[]> rows = new ArrayList<>(networks.size());
        for (NetworkEntity n : networks) {
            var block = Addresses.trusted(n.cidr());
            rows.add(new Object[] {n.id(), n.cidr(), n.name(), n.family().orElse(Addresses.family(n.cidr())),
                    n.gateway().orElse(null), n.vlan().orElse(null), locationsJson(n.locations()), n.note().orElse(null),
                    n.platformId().orElse(null), Addresses.key(block.getLower()), Addresses.key(block.getUpper())});
        }
        jdbc.batchUpdate(MERGE_NETWORK, rows);
        locations(NETWORK, networks.stream().map(n -> new Located(n.id(), n.locations())).toList());
    }

    void pools(List<PoolEntity> pools) {
        List<Object[]> rows = pools.stream().map(p -> new Object[] {p.id(), p.name(), locationsJson(p.locations()),
                p.note().orElse(null), p.platformId().orElse(null)}).toList();
        jdbc.batchUpdate(MERGE_POOL, rows);
        locations(POOL, pools.stream().map(p -> new Located(p.id(), p.locations())).toList());
    }

    void ranges(List<RangeEntity> ranges) {
        jdbc.batchUpdate(MERGE_RANGE, ranges.stream().map(r -> new Object[] {r.id(), r.poolId(), r.networkId(),
                r.start(), r.end(), Addresses.key(r.start()), Addresses.key(r.end())}).toList());
    }

    void addresses(List<AddressEntity> addresses) {
        jdbc.batchUpdate(MERGE_ADDRESS, addresses.stream().map(a -> new Object[] {Addresses.key(a.address()), a.address(),
                a.status().wireName(), a.poolId().orElse(null), a.networkId().orElse(null), a.platformId().orElse(null)})
                .toList());
    }

    private void delete(String kind, long id) {
        jdbc.update("DELETE FROM replica_" + kind + " WHERE id = ?", id);
        jdbc.update("DELETE FROM replica_location WHERE kind = ? AND entity_id = ?", kind, id);
    }

    private void locations(String kind, List<Located> entities) {
        jdbc.batchUpdate("DELETE FROM replica_location WHERE kind = ? AND entity_id = ?",
                entities.stream().map(e -> new Object[] {kind, e.id()}).toList());
        jdbc.batchUpdate(INSERT_LOCATION, entities.stream().flatMap(e -> e.locations().stream().distinct()
                .map(location -> new Object[] {kind, e.id(), location})).toList());
    }

    private String locationsJson(List<String> locations) {
        return locations.isEmpty() ? null : json.writeValueAsString(locations);
    }

    private record Located(long id, List<String> locations) {
    }
}
