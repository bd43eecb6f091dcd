package org.ipledger.master.pool;

import java.util.Map;

import org.ipledger.master.platform.MasterPlatform;
import org.ipledger.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/pools} and their ranges. */
@RestController
@RequestMapping("/api/v1/pools")
class PoolController {

    private final PoolService pools;
    private final RangeService ranges;

    PoolController(PoolService pools, RangeService ranges) {
        this.pools = pools;
        this.ranges = ranges;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Pool create(@RequestBody PoolRequest request) {
        return pools.create(request, MasterPlatform.ID);
    }

    @GetMapping
    Page<Pool> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return pools.list(cursor, limit);
    }

    @GetMapping("/{id}")
    Pool get(@PathVariable long id) {
        return pools.get(id);
    }

    @PatchMapping("/{id}")
    Pool update(@PathVariable long id, @RequestBody Map<String, Object> patch) {
        return pools.update(id, patch, MasterPlatform.ID);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        pools.delete(id, MasterPlatform.ID);
    }

    @PostMapping("/{id}/ranges")
    @ResponseStatus(HttpStatus.CREATED)
    Range addRange(@PathVariable long id, @RequestBody RangeRequest request) {
        return ranges.add(id, request, MasterPlatform.ID);
    }

    @GetMapping("/{id}/ranges")
    Page<Range> ranges(@PathVariable long id, @RequestParam(required = false) String cursor,
                       @RequestParam(required = false) Integer limit) {
        return ranges.list(id, cursor, limit);
    }

    @DeleteMapping("/{id}/ranges/{rangeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeRange(@PathVariable long id, @PathVariable long rangeId) {
        ranges.remove(id, rangeId, MasterPlatform.ID);
    }
}
