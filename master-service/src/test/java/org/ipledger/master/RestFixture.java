package org.ipledger.master;

import java.util.UUID;

import org.ipledger.master.ApiClient.Response;

/** Short ways to build an address space through the REST API in tests. */
public final class RestFixture {

    private final ApiClient api;

    public RestFixture(ApiClient api) {
        this.api = api;
    }

    public long network(String cidr) {
        return created(api.post("/api/v1/networks", "{\"cidr\":\"" + cidr + "\",\"name\":\"net " + cidr + "\"}"));
    }

    public long network(String cidr, String gateway) {
        return created(api.post("/api/v1/networks",
                "{\"cidr\":\"" + cidr + "\",\"name\":\"net " + cidr + "\",\"gateway\":\"" + gateway + "\"}"));
    }

    public long pool(String name) {
        return created(api.post("/api/v1/pools", "{\"name\":\"" + name + "\"}"));
    }

    public long range(long poolId, String start, String end) {
        return created(api.post("/api/v1/pools/" + poolId + "/ranges", "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}"));
    }

    public long rangeCidr(long poolId, String cidr) {
        return created(api.post("/api/v1/pools/" + poolId + "/ranges", "{\"cidr\":\"" + cidr + "\"}"));
    }

    /** A pool with one range inside a fresh network. */
    public long poolWithRange(String cidr, String start, String end) {
        network(cidr);
        long pool = pool("pool " + cidr);
        range(pool, start, end);
        return pool;
    }

    public Response allocate(long poolId) {
        return allocate(poolId, UUID.randomUUID().toString());
    }

    public Response allocate(long poolId, String requestId) {
        return api.post("/api/v1/pools/" + poolId + "/allocations", "{\"requestId\":\"" + requestId + "\"}");
    }

    private static long created(Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("expected 201, got " + response);
        }
        return response.json().get("id").asLong();
    }
}
