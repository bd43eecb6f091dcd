package org.ipledger.master.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ipledger.master.api.ApiException;
import org.ipledger.master.api.ErrorResponse;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerOutbox;
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
 * Runs a batch of operations on one pool in one database transaction: locks the pool's row,
 * brings the free-space index up to date, answers repeated request ids from the stored replies,
 * applies the rest and writes every effect and reply before the commit.
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
     * Answers every operation of the batch, in order. A duplicate key or a lock conflict (another
     * instance, or a row written outside the engine) rolls the batch back; it is then retried on
     * a freshly loaded index, where the stored replies and rows are visible.
     */
    List<Reply> process(long poolId, List<PoolOperation> operations) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(poolId, operations);
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("pool {}: batch of {} retried after {}", poolId, operations.size(), e.getMessage());
            }
        }
    }

    private List<Reply> attempt(long poolId, List<PoolOperation> operations) {
        PoolEffects[] committed = new PoolEffects[1];
        try {
            List<Reply> replies = transaction.execute(status -> {
                Optional<PoolState> state = store.lockPool(poolId);
                if (state.isEmpty()) {
                    Reply missing = error(ApiException.notFound("pool_not_found", "Pool " + poolId + " does not exist."));
                    return operations.stream().map(op -> missing).toList();
                }
                PoolEffects effects = new PoolEffects(poolId, state.get().version() + 1);
                List<Reply> answers = answer(operations, indexes.synced(poolId, state.get()), effects);
                store.write(effects);
                effects.rows().forEach(row -> ledger.append(row.status().ledgerType(),
                        EntityKeys.address(row.address().toCanonicalString()), row.platformId(), row.requestId(),
                        new AddressView(row.address().toCanonicalString(), row.status().json(), poolId, row.networkId(),
                                row.platformId(), null)));
                committed[0] = effects;
                return answers;
            });
            if (committed[0] != null && committed[0].changesAddresses()) {
                indexes.cached(poolId).ifPresent(index -> index.version(committed[0].version()));
            }
            return replies;
        } catch (RuntimeException e) {
            indexes.invalidate(poolId);
            throw e;
        }
    }

    private List<Reply> answer(List<PoolOperation> operations, FreeSpaceIndex index, PoolEffects effects) {
        List<String> ids = operations.stream().flatMap(op -> op.requestId().stream()).distinct().toList();
        Map<String, AddressStore.StoredReply> known = new HashMap<>(store.replies(ids));
        List<Reply> replies = new ArrayList<>(operations.size());
        for (PoolOperation operation : operations) {
            Optional<String> requestId = operation.requestId();
            AddressStore.StoredReply stored = requestId.map(known::get).orElse(null);
            if (stored != null) {
                replies.add(replay(operation, stored));
                continue;
            }
            Reply reply = apply(operation, index, effects);
            // Only effects are remembered: a refused request changed nothing, stores nothing,
            // and may be retried once the cause is gone (at most one effect either way).
            requestId.filter(id -> reply.ok()).ifPresent(id -> {
                effects.reply(id, operation.fingerprint(), reply, operation.platformId());
                known.put(id, new AddressStore.StoredReply(operation.fingerprint(), reply));
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
