package org.ipledger.master.allocation;

import java.nio.ByteBuffer;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import inet.ipaddr.IPAddress;
import org.ipledger.addressing.AddressKey;
import org.ipledger.master.jdbc.MultiRowInsert;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Addresses that a joined platform took locally and the master takes over: written in bulk, in
 * the caller's transaction, under the locks of their pools, so that the engine's free-space
 * indexes stay right on every instance. A few changes of a pool go to its journal (other
 * instances replay them); many at once, as in a migration chunk, mark the pool's index stale
 * instead, so it is rebuilt once when next needed rather than replayed address by address.
 */
@Component
public class PlatformAddresses {

    /** Above this many changes of one pool in one transaction, its index is rebuilt rather than replayed. */
    static final int JOURNAL_LIMIT = 256;
    private static final int LOOKUP_BATCH = 1000;
    /**
     * Above this many changes that all take an address, as in a migration chunk, they are
     * inserted without looking them up first: a chunk's addresses are almost always new, so the
     * look-ups would be wasted work in the master's database. If one is
     * stored already, the inserts are undone (a savepoint) and the addresses looked up as for
     * fewer changes.
     */
    static final int INSERT_FIRST_ABOVE = JOURNAL_LIMIT;
    private static final MultiRowInsert<Write> INSERT_ADDRESS = new MultiRowInsert<>(
            "INSERT INTO ip (addr_bin, addr, family, ipnet, ippool, status, platform_id)",
            "(?, ?, ?, ?, ?, ?, ?)", (ps, first, write) -> {
                Change change = write.change();
                ps.setBytes(first, write.key());
                ps.setString(first + 1, change.address().toCanonicalString());
                ps.setInt(first + 2, AddressKey.family(change.address()));
                ps.setLong(first + 3, change.networkId());
                ps.setObject(first + 4, change.poolId().orElse(null), Types.BIGINT);
                ps.setString(first + 5, change.status().json());
                ps.setString(first + 6, write.platformId());
            });

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final LedgerOutbox ledger;
    private final PoolJournal journal;
    private final TransactionTemplate insertsOrNone;

    PlatformAddresses(JdbcTemplate jdbc, LedgerOutbox ledger, PoolJournal journal, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ledger = ledger;
        this.insertsOrNone = new TransactionTemplate(transactions);
        // A savepoint in the caller's transaction: a failed insert undoes only the inserts.
        this.insertsOrNone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * The state a platform wants an address in: {@code allocated}, {@code reserved}, or
     * {@code free} to release it.
     *
     * @param poolId the pool whose range holds the address; empty for an address outside every range
     */
    public record Change(IPAddress address, long networkId, Optional<Long> poolId, AddressStatus status) {
    }

    /** An address that is held by another platform, so the change is refused. */
    public record Refusal(IPAddress address, String heldBy, AddressStatus heldAs) {
    }

    /**
     * Applies the changes unless one is refused; then it writes nothing and returns every refusal,
     * and the caller rolls its transaction back. A change to the state the address already has
     * is nothing, so a replayed chunk or event changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Refusal> apply(String platformId, String requestId, List<Change> changes) {
        return apply(platformId, changes, Collections.nCopies(changes.size(), requestId));
    }

    /**
     * {@link #apply(String, String, List)} for changes of several requests (captured rows applied
     * together), each change's ledger entry attributed to its own request.
     *
     * @param requestIds the request of each change, in the same order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Refusal> apply(String platformId, List<Change> changes, List<String> requestIds) {
        Map<Long, Long> versions = lockPools(changes);
        if (changes.size() > INSERT_FIRST_ABOVE && changes.stream().allMatch(c -> c.status() != AddressStatus.FREE)) {
            List<Write> inserts = new ArrayList<>(changes.size());
            for (int i = 0; i < changes.size(); i++) {
                Change change = changes.get(i);
                inserts.add(new Write(AddressKey.of(change.address()), change, true, platformId, requestIds.get(i)));
            }
            if (insertedAll(inserts)) {
                recorded(platformId, inserts, versions);
                return List.of();
            }
        }
        Map<ByteBuffer, Held> held = held(changes);
        List<Refusal> refusals = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            byte[] key = AddressKey.of(change.address());
            Held current = held.get(ByteBuffer.wrap(key));
            if (current != null && !current.platformId().equals(platformId)) {
                refusals.add(new Refusal(change.address(), current.platformId(), current.status()));
            } else if (current == null ? change.status() != AddressStatus.FREE : current.status() != change.status()) {
                writes.add(new Write(key, change, current == null, platformId, requestIds.get(i)));
            }
        }
        if (!refusals.isEmpty()) {
            return refusals;
        }
        write(writes);
        recorded(platformId, writes, versions);
        return List.of();
    }

    /**
     * Inserts every address, unless one is stored already: then it rolls back to before the
     * inserts and returns false, and the caller looks the addresses up as for a few.
     */
    private boolean insertedAll(List<Write> inserts) {
        try {
            insertsOrNone.executeWithoutResult(status -> INSERT_ADDRESS.insert(jdbc, inserts));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The journal or stale mark of the written addresses' pools, and their ledger entries. */
    private void recorded(String platformId, List<Write> writes, Map<Long, Long> versions) {
        writeJournal(writes, versions);
        for (Write write : writes) {
            Change change = write.change();
            String address = change.address().toCanonicalString();
            ledger.append(change.status().ledgerType(), EntityKeys.address(address), platformId,
                    Optional.of(write.requestId()),
                    new AddressView(address, change.status().json(), change.poolId().orElse(null), change.networkId(),
                            platformId, null));
        }
    }

    /** The addresses among these that another platform holds; reads without locking (preflight). */
    public List<Refusal> heldByOthers(String platformId, List<IPAddress> addresses) {
        List<Change> lookups = addresses.stream().map(a -> new Change(a, 0, Optional.empty(), AddressStatus.FREE)).toList();
        Map<ByteBuffer, Held> held = held(lookups);
        List<Refusal> refusals = new ArrayList<>();
        for (IPAddress address : addresses) {
            Held current = held.get(ByteBuffer.wrap(AddressKey.of(address)));
            if (current != null && !current.platformId().equals(platformId)) {
                refusals.add(new Refusal(address, current.platformId(), current.status()));
            }
        }
        return refusals;
    }

    /** Locks the pools of these changes; their versions, which stay as read until this transaction changes them. */
    private Map<Long, Long> lockPools(List<Change> changes) {
        List<Long> pools = changes.stream().flatMap(c -> c.poolId().stream()).distinct().sorted().toList();
        Map<Long, Long> versions = new HashMap<>();
        if (!pools.isEmpty()) {
            // In id order, as the allocation engine locks them, so the two never wait in a circle.
            named.query("SELECT id, version FROM ippool WHERE id IN (:ids) ORDER BY id FOR UPDATE", Map.of("ids", pools),
                    rs -> {
                        versions.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return versions;
    }

    private Map<ByteBuffer, Held> held(List<Change> changes) {
        Map<ByteBuffer, Held> held = new HashMap<>();
        for (int from = 0; from < changes.size(); from += LOOKUP_BATCH) {
            List<byte[]> keys = changes.subList(from, Math.min(changes.size(), from + LOOKUP_BATCH)).stream()
                    .map(c -> AddressKey.of(c.address())).toList();
            named.query("SELECT addr_bin, platform_id, status FROM ip WHERE addr_bin IN (:keys)", Map.of("keys", keys),
                    rs -> {
                        held.put(ByteBuffer.wrap(rs.getBytes(1)), new Held(rs.getString(2),
                                AddressStatus.storable(rs.getString(3))));
                    });
        }
        return held;
    }

    private void write(List<Write> writes) {
        List<Write> inserts = writes.stream().filter(Write::insert).toList();
        List<Write> updates = writes.stream().filter(w -> !w.insert() && w.change().status() != AddressStatus.FREE).toList();
        List<Write> deletes = writes.stream().filter(w -> w.change().status() == AddressStatus.FREE).toList();
        INSERT_ADDRESS.insert(jdbc, inserts);
        jdbc.batchUpdate("UPDATE ip SET status = ? WHERE addr_bin = ?", updates, updates.size(), (ps, write) -> {
            ps.setString(1, write.change().status().json());
            ps.setBytes(2, write.key());
        });
        jdbc.batchUpdate("DELETE FROM ip WHERE addr_bin = ?", deletes, deletes.size(),
                (ps, write) -> ps.setBytes(1, write.key()));
    }

    /** Journal entries for pools with few changes; a stale mark (ranges_version) for the others. */
    private void writeJournal(List<Write> writes, Map<Long, Long> versions) {
        Map<Long, List<PoolJournal.Entry>> byPool = new TreeMap<>();
        writes.stream().filter(w -> w.change().poolId().isPresent() && w.changesUse())
                .forEach(w -> byPool.computeIfAbsent(w.change().poolId().get(), id -> new ArrayList<>())
                        .add(new PoolJournal.Entry(w.key(), w.change().status() != AddressStatus.FREE)));
        List<PoolJournal.Version> journaled = new ArrayList<>();
        byPool.forEach((poolId, entries) -> {
            if (entries.size() > JOURNAL_LIMIT) {
                jdbc.update("UPDATE ippool SET version = version + 1, ranges_version = ranges_version + 1 WHERE id = ?",
                        poolId);
                return;
            }
            journaled.add(new PoolJournal.Version(poolId, versions.get(poolId) + 1, entries));
        });
        journal.write(journaled);
    }

    private record Held(String platformId, AddressStatus status) {
    }

    /** A row to write; {@code insert} when the address had none. */
    private record Write(byte[] key, Change change, boolean insert, String platformId, String requestId) {

        /** Whether the address becomes used or free, which the free-space index must learn. */
        boolean changesUse() {
            return insert || change.status() == AddressStatus.FREE;
        }
    }
}
