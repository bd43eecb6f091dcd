package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
import org.ipledger.web.ApiException;
import org.ipledger.web.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs batches of operations on pools in one database transaction: locks each pool's row, brings
 * its free-space index up to date, answers repeated request ids from the stored replies, applies
 * the rest and writes every effect, reply and ledger entry before the commit.
 */
@Component
class PoolBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(PoolBatchProcessor.class);
    private static final int ATTEMPTS = 3;

    private final AddressStore store;
    private final FreeSpaceIndexes indexes;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final LedgerOutbox ledger;

    PoolBatchProcessor(AddressStore store, FreeSpaceIndexes indexes, PlatformTransactionManager transactions,
                       JsonMapper json, LedgerOutbox ledger) {
        this.store = store;
        this.indexes = indexes;
        // READ COMMITTED (the pool's isolation, set per connection): reads after the pool lock
        // see everything committed before it.
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.ledger = ledger;
    }

    /**
     * Answers every operation of the batches, per pool and in order, in one transaction that locks
     * the pools in id order (so two transactions never wait on each other in a circle). A
     * duplicate key or a lock conflict (another instance, or a row written outside the engine)
     * rolls everything back; it is retried on freshly loaded indexes, where the stored replies and
     * rows are visible. Pools that still fail together are retried one by one, so one pool's
     * trouble never fails another's requests.
     */
    Map<Long, List<Reply>> process(SortedMap<Long, List<PoolOperation>> batches) {
        try {
            return withRetries(batches);
        } catch (RuntimeException e) {
            if (batches.size() == 1) {
                throw e;
            }
            Map<Long, List<Reply>> replies = new HashMap<>();
            batches.forEach((poolId, operations) -> replies.putAll(withRetries(new TreeMap<>(Map.of(poolId, operations)))));
            return replies;
        }
    }

    private Map<Long, List<Reply>> withRetries(SortedMap<Long, List<PoolOperation>> batches) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(batches);
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("pools {}: batch retried after {}", batches.keySet(), e.getMessage());
            }
        }
    }

    private Map<Long, List<Reply>> attempt(SortedMap<Long, List<PoolOperation>> batches) {
        List<PoolEffects> committed = new ArrayList<>();
        try {
            Map<Long, List<Reply>> replies = transaction.execute(status -> {
                Map<Long, List<Reply>> answers = new HashMap<>();
                Map<AddressStore.RequestKey, AddressStore.StoredReply> known = new HashMap<>(store.replies(requests(batches)));
                List<PoolEffects> effects = new ArrayList<>();
                batches.forEach((poolId, operations) -> {
                    Optional<PoolState> state = store.lockPool(poolId);
                    if (state.isEmpty()) {
                        Reply missing = error(ApiException.notFound("pool_not_found", "Pool " + poolId + " does not exist."));
                        answers.put(poolId, operations.stream().map(op -> missing).toList());
                        return;
                    }
                    PoolEffects poolEffects = new PoolEffects(poolId, state.get().version() + 1);
                    answers.put(poolId, answer(operations, indexes.synced(poolId, state.get()), poolEffects, known));
                    effects.add(poolEffects);
                });
                store.write(effects);
                effects.forEach(this::appendToLedger);
                committed.addAll(effects);
                return answers;
            });
            committed.stream().filter(PoolEffects::changesAddresses).forEach(effects ->
                    indexes.cached(effects.poolId()).ifPresent(index -> index.version(effects.version())));
            return replies;
        } catch (RuntimeException e) {
            batches.keySet().forEach(indexes::invalidate);
            throw e;
        }
    }

    private static List<AddressStore.RequestKey> requests(Map<Long, List<PoolOperation>> batches) {
        return batches.values().stream().flatMap(List::stream).flatMap(op -> requestKey(op).stream()).distinct().toList();
    }

    private static Optional<AddressStore.RequestKey> requestKey(PoolOperation operation) {
        return operation.requestId().map(id -> new AddressStore.RequestKey(operation.platformId(), id));
    }

    private void appendToLedger(PoolEffects effects) {
        effects.rows().forEach(row -> ledger.append(row.status().ledgerType(),
                EntityKeys.address(row.address().toCanonicalString()), row.platformId(), row.requestId(),
                new AddressView(row.address().toCanonicalString(), row.status().json(), effects.poolId(),
                        row.networkId(), row.platformId(), null)));
    }

    private List<Reply> answer(List<PoolOperation> operations, FreeSpaceIndex index, PoolEffects effects,
                               Map<AddressStore.RequestKey, AddressStore.StoredReply> known) {
        List<Reply> replies = new ArrayList<>(operations.size());
        for (PoolOperation operation : operations) {
            Optional<AddressStore.RequestKey> request = requestKey(operation);
            AddressStore.StoredReply stored = request.map(known::get).orElse(null);
            if (stored != null) {
                replies.add(replay(operation, stored));
                continue;
            }
            Reply reply = apply(operation, index, effects);
            // Only effects are remembered: a refused request changed nothing, stores nothing,
            // and may be retried once the cause is gone (at most one effect either way).
            request.filter(id -> reply.ok()).ifPresent(id -> {
                String fingerprint = operation.fingerprint();
                effects.reply(id.requestId(), fingerprint, reply, operation.platformId());
                known.put(id, new AddressStore.StoredReply(fingerprint, reply));
            });
            replies.add(reply);
        }
        return replies;
    }

    private Reply replay(PoolOperation operation, AddressStore.StoredReply stored) {
        if (!stored.fingerprint().equals(operation.fingerprint())) {
            return error(ApiException.conflict("request_id_reused", "requestId " + operation.requestId().orElseThrow()
                    + " was already used for a different request; use a new requestId for a new request."));
        }
        return stored.reply();
    }

    private Reply apply(PoolOperation operation, FreeSpaceIndex index, PoolEffects effects) {
        try {
            Object body = operation.applyTo(new PoolChange(index, effects, store));
            HttpStatus status = operation.successStatus();
            return new Reply(status.value(), body == null ? "" : json.writeValueAsString(body));
        } catch (ApiException e) {
            return error(e);
        }
    }

    private Reply error(ApiException e) {
        ErrorResponse body = e.toResponse();
        return new Reply(e.status().value(), json.writeValueAsString(body));
    }
}
