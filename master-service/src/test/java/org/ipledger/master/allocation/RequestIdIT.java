package org.ipledger.master.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ipledger.master.ApiClient;
import org.ipledger.master.TwoMasters;
import org.ipledger.master.RestFixture;
import org.junit.jupiter.api.Test;

/** I4: a request id has at most one effect and its reply is repeatable. */
class RequestIdIT extends TwoMasters {

    @Test
    void sameRequestIdSentTwentyTimesConcurrentlyGivesOneAddressAndTwentyIdenticalAnswers() throws Exception {
        ApiClient[] apis = {first.adminClient(), second.adminClient()};
        long pool = new RestFixture(apis[0]).poolWithRange("10.40.0.0/24", "10.40.0.1", "10.40.0.254");
        String requestId = UUID.randomUUID().toString();
        CountDownLatch go = new CountDownLatch(1);

        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RestFixture client = new RestFixture(apis[i % 2]);
            answers.add(threads.submit(() -> {
                go.await();
                return client.allocate(pool, requestId);
            }));
        }
        go.countDown();
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get());
        }
        threads.shutdown();

        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(201);
        assertThat(responses).extracting(ApiClient.Response::body).containsOnly(responses.get(0).body());
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE request_id = ?", requestId)).isEqualTo(1);
    }

    @Test
    void aRepeatedRequestIdReturnsTheStoredAnswerEvenAfterTheAddressWasReleased() {
        ApiClient api = first.adminClient();
        long pool = new RestFixture(api).poolWithRange("10.41.0.0/24", "10.41.0.1", "10.41.0.254");
        String requestId = UUID.randomUUID().toString();
        ApiClient.Response original = new RestFixture(api).allocate(pool, requestId);
        api.delete("/api/v1/addresses/10.41.0.1");

        ApiClient.Response repeated = new RestFixture(second.adminClient()).allocate(pool, requestId);

        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.body()).isEqualTo(original.body());
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isZero();
    }

    @Test
    void aRequestIdReusedForADifferentRequestIsRefused() {
        ApiClient api = first.adminClient();
        long pool = new RestFixture(api).poolWithRange("10.42.0.0/24", "10.42.0.1", "10.42.0.254");
        String requestId = UUID.randomUUID().toString();
        new RestFixture(api).allocate(pool, requestId);

        ApiClient.Response reused = api.post("/api/v1/pools/" + pool + "/allocations",
                "{\"requestId\":\"" + requestId + "\",\"count\":2}");

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.error()).isEqualTo("request_id_reused");
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(1);
    }

    @Test
    void requestIdsThatDifferOnlyInCaseAreTwoRequests() {
        ApiClient api = first.adminClient();
        long pool = new RestFixture(api).poolWithRange("10.43.0.0/24", "10.43.0.1", "10.43.0.254");
        String requestId = "Rq-" + UUID.randomUUID();

        ApiClient.Response upper = new RestFixture(api).allocate(pool, requestId.toUpperCase(Locale.ROOT));
        ApiClient.Response lower = new RestFixture(api).allocate(pool, requestId.toLowerCase(Locale.ROOT));

        assertThat(upper.status()).isEqualTo(201);
        assertThat(lower.status()).isEqualTo(201);
        assertThat(upper.body()).isNotEqualTo(lower.body());
        assertThat(database.count("SELECT COUNT(*) FROM ip WHERE ippool = ?", pool)).isEqualTo(2);
    }
}
