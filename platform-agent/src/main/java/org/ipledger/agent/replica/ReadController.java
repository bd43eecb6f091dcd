package org.ipledger.agent.replica;

import org.ipledger.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The master's read API on the agent, answered from the replica: the same paths, parameters,
 * pages and JSON, so a platform reads from its agent as it would from the master, also while the
 * master is unreachable.
 */
@RestController
class ReadController {

    private final ReplicaQueries queries;

    ReadController(ReplicaQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/networks")
    Page<Views.Network> networks(@RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return queries.networks(cursor, limit);
    }

    @GetMapping("/api/v1/networks/{id}")
    Views.Network network(@PathVariable long id) {
        return queries.network(id);
    }

    @GetMapping("/api/v1/pools")
    Page<Views.Pool> pools(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return queries.pools(cursor, limit);
    }

    @GetMapping("/api/v1/pools/{id}")
    Views.Pool pool(@PathVariable long id) {
        return queries.pool(id);
    }

    @GetMapping("/api/v1/pools/{id}/ranges")
    Page<Views.Range> ranges(@PathVariable long id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return queries.ranges(id, cursor, limit);
    }

    @GetMapping("/api/v1/addresses")
    Page<Views.Address> addresses(@RequestParam(required = false) Long pool, @RequestParam(required = false) Long network,
            @RequestParam(required = false) String status, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return queries.addresses(pool, network, status, cursor, limit);
    }

    @GetMapping("/api/v1/addresses/{address}")
    Views.Address address(@PathVariable String address) {
        return queries.address(address);
    }
}
