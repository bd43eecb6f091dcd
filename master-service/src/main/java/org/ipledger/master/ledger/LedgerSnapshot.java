package org.ipledger.master.ledger;

import java.io.OutputStream;

import org.ipledger.master.api.Locations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole address space as of one ledger {@code seq}, for a new replica: it loads this, then
 * applies the ledger from {@code seq + 1}. Everything is read in one repeatable-read transaction,
 * and {@code seq} is read first in it: every entry numbered up to it was committed before, so it
 * is in the snapshot; entries after it may be too, and applying them again changes nothing, since
 * every entry carries the entity's whole state. Written as a stream, so millions of addresses
 * never sit in memory.
 */
@Component
public class LedgerSnapshot {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TransactionTemplate snapshot;

    LedgerSnapshot(JdbcTemplate jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public void writeTo(OutputStream out) {
        snapshot.executeWithoutResult(status -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeNumberProperty("seq", jdbc.queryForObject("SELECT last_seq FROM ledger_position WHERE id = 1",
                        Long.class));
                networks(generator);
                pools(generator);
                ranges(generator);
                addresses(generator);
                generator.writeEndObject();
            }
        });
    }

    private void networks(JsonGenerator out) {
        out.writeArrayPropertyStart("networks");
        jdbc.query("SELECT id, addr, prefix, name, gateway, vlan, locations, note, platform_id FROM ipnet ORDER BY id", rs -> {
            out.writeStartObject();
            out.writeNumberProperty("id", rs.getLong(1));
            out.writeStringProperty("cidr", rs.getString(2) + "/" + rs.getInt(3));
            out.writeStringProperty("name", rs.getString(4));
            out.writeStringProperty("gateway", rs.getString(5));
            out.writePOJOProperty("vlan", rs.getObject(6, Integer.class));
            out.writePOJOProperty("locations", Locations.fromJson(rs.getString(7)));
            out.writeStringProperty("note", rs.getString(8));
            out.writeStringProperty("platformId", rs.getString(9));
            out.writeEndObject();
        });
        out.writeEndArray();
    }

    private void pools(JsonGenerator out) {
        out.writeArrayPropertyStart("pools");
        jdbc.query("SELECT id, name, locations, note, platform_id FROM ippool ORDER BY id", rs -> {
            out.writeStartObject();
            out.writeNumberProperty("id", rs.getLong(1));
            out.writeStringProperty("name", rs.getString(2));
            out.writePOJOProperty("locations", Locations.fromJson(rs.getString(3)));
            out.writeStringProperty("note", rs.getString(4));
            out.writeStringProperty("platformId", rs.getString(5));
            out.writeEndObject();
        });
        out.writeEndArray();
    }

    private void ranges(JsonGenerator out) {
        out.writeArrayPropertyStart("ranges");
        jdbc.query("SELECT id, ippool, ipnet, start_addr, end_addr FROM ippool_range ORDER BY id", rs -> {
            out.writeStartObject();
            out.writeNumberProperty("id", rs.getLong(1));
            out.writeNumberProperty("poolId", rs.getLong(2));
            out.writeNumberProperty("networkId", rs.getLong(3));
            out.writeStringProperty("start", rs.getString(4));
            out.writeStringProperty("end", rs.getString(5));
            out.writeEndObject();
        });
        out.writeEndArray();
    }

    /** Addresses with their status, pool and network; never an owner name (I5). */
    private void addresses(JsonGenerator out) {
        out.writeArrayPropertyStart("addresses");
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT addr, status, ippool, ipnet, platform_id FROM ip ORDER BY addr_bin",
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
            // Streams rows instead of buffering them (MySQL Connector/J convention).
            statement.setFetchSize(Integer.MIN_VALUE);
            return statement;
        }, rs -> {
            out.writeStartObject();
            out.writeStringProperty("address", rs.getString(1));
            out.writeStringProperty("status", rs.getString(2));
            out.writePOJOProperty("poolId", rs.getObject(3, Long.class));
            out.writeNumberProperty("networkId", rs.getLong(4));
            out.writeStringProperty("platformId", rs.getString(5));
            out.writeEndObject();
        });
        out.writeEndArray();
    }
}
