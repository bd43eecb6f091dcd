package org.ipledger.agent.replica;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.ipledger.agent.integration.MasterLink;
import org.ipledger.schemas.ledger.AddressEntity;
import org.ipledger.schemas.ledger.NetworkEntity;
import org.ipledger.schemas.ledger.PoolEntity;
import org.ipledger.schemas.ledger.RangeEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the master's {@code GET /api/v1/ledger/snapshot} into the replica: streamed from the
 * response into the tables in batches, in one transaction that replaces the old replica, so
 * readers see the old state until the new one is complete and a failed load leaves the old one.
 */
@Component
class MasterSnapshot {

    private static final int BATCH = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private final ReplicaStore store;
    private final TransactionTemplate transaction;

    MasterSnapshot(ReplicaStore store, TransactionTemplate transaction) {
        this.store = store;
        this.transaction = transaction;
    }

    /**
     * Replaces the replica with the master's current state.
     *
     * @return what was loaded
     * @throws IOException if the master cannot be reached or answers with an error
     */
    Loaded load(MasterLink link) throws IOException, InterruptedException {
        Instant requestedAt = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create(link.masterUrl() + "/api/v1/ledger/snapshot"))
                .header("Authorization", "Bearer " + link.token()).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("the master answered the snapshot request with " + response.statusCode() + ": "
                        + new String(body.readNBytes(500), java.nio.charset.StandardCharsets.UTF_8));
            }
            Loaded loaded = transaction.execute(status -> {
                store.clear();
                Loaded result = read(body);
                store.loaded(result.seq(), requestedAt, link.masterUrl(), link.platformId());
                return result;
            });
            return loaded;
        }
    }

    private Loaded read(InputStream body) {
        long seq = -1;
        long rows = 0;
        try (JsonParser parser = json.createParser(body)) {
            expect(parser, JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "seq" -> seq = parser.getLongValue();
                    case "networks" -> rows += readArray(parser, NetworkEntity.class, store::networks);
                    case "pools" -> rows += readArray(parser, PoolEntity.class, store::pools);
                    case "ranges" -> rows += readArray(parser, RangeEntity.class, store::ranges);
                    case "addresses" -> rows += readArray(parser, AddressEntity.class, store::addresses);
                    default -> parser.skipChildren();
                }
            }
        }
        if (seq < 0) {
            throw new IllegalStateException("the master's snapshot has no seq");
        }
        return new Loaded(seq, rows);
    }

    private <T> long readArray(JsonParser parser, Class<T> type, Consumer<List<T>> sink) {
        List<T> batch = new ArrayList<>(BATCH);
        long count = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            batch.add(json.readValue(parser, type));
            count++;
            if (batch.size() == BATCH) {
                sink.accept(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
        return count;
    }

    private static void expect(JsonParser parser, JsonToken token) {
        if (parser.nextToken() != token) {
            throw new IllegalStateException("the master's snapshot is not a JSON object");
        }
    }

    /** A loaded snapshot: its {@code seq} and how many entities it held. */
    record Loaded(long seq, long rows) {
    }
}
