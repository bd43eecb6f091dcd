package org.ipledger.master.allocation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The pools' journal: for each pool version, the addresses it took and freed, so that an instance
 * whose free-space index is older replays them instead of reloading the pool. A version's changes
 * are packed into one row ({@link #ENTRIES_PER_ROW} at most), so that a command batch of many
 * allocations writes one journal row, with its index entries and binlog event, not one per address.
 */
@Repository
class PoolJournal {

    /** An entry is a flag byte (1 used, 0 free) and the address's 16-byte key. */
    private static final int ENTRY_BYTES = 1 + 16;
    /** 68 KiB per row: a version of any size is a few rows, none near a packet limit. */
    static final int ENTRIES_PER_ROW = 4096;

    private final JdbcTemplate jdbc;

    PoolJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records pool versions committed by the current transaction, which holds their pools' locks:
     * each pool row's new version, and the version's changes.
     */
    void write(List<Version> versions) {
        if (versions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE ippool SET version = ? WHERE id = ?", versions, versions.size(), (ps, version) -> {
            ps.setLong(1, version.version());
            ps.setLong(2, version.poolId());
        });
        List<Object[]> rows = new ArrayList<>();
        for (Version version : versions) {
            List<Entry> entries = version.entries();
            for (int from = 0, part = 0; from < entries.size(); from += ENTRIES_PER_ROW, part++) {
                rows.add(new Object[] {version.poolId(), version.version(), part,
                    pack(entries.subList(from, Math.min(entries.size(), from + ENTRIES_PER_ROW)))});
            }
        }
        jdbc.batchUpdate("INSERT INTO ippool_journal (ippool, version, part, changes) VALUES (?, ?, ?, ?)", rows);
    }

    /** The changes of the pool's versions after {@code version}, in commit order. */
    List<Change> since(long poolId, long version) {
        List<Change> changes = new ArrayList<>();
        jdbc.query("SELECT version, changes FROM ippool_journal WHERE ippool = ? AND version > ? ORDER BY version, part",
                rs -> {
                    long changed = rs.getLong(1);
                    ByteBuffer packed = ByteBuffer.wrap(rs.getBytes(2));
                    byte[] key = new byte[ENTRY_BYTES - 1];
                    while (packed.hasRemaining()) {
                        boolean used = packed.get() == 1;
                        packed.get(key);
                        changes.add(new Change(changed, AddressKey.address(key), used));
                    }
                }, poolId, version);
        return changes;
    }

    private static byte[] pack(List<Entry> entries) {
        ByteBuffer packed = ByteBuffer.allocate(entries.size() * ENTRY_BYTES);
        for (Entry entry : entries) {
            packed.put((byte) (entry.used() ? 1 : 0)).put(entry.key());
        }
        return packed.array();
    }

    /** An address a version took ({@code used}) or freed. */
    record Entry(byte[] key, boolean used) {
    }

    /** The changes one transaction made to one pool, which it commits as {@code version}. */
    record Version(long poolId, long version, List<Entry> entries) {
    }

    /** A committed change, as replayed into a free-space index. */
    record Change(long version, IPAddress address, boolean used) {
    }
}
