package org.ipledger.master.network;

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

/** {@code /api/v1/networks}. */
@RestController
@RequestMapping("/api/v1/networks")
class NetworkController {

    private final NetworkService networks;

    NetworkController(NetworkService networks) {
        this.networks = networks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Network create(@RequestBody NetworkRequest request) {
        return networks.create(request, MasterPlatform.ID);
    }

    @GetMapping
    Page<Network> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return networks.list(cursor, limit);
    }

    @GetMapping("/{id}")
    Network get(@PathVariable long id) {
        return networks.get(id);
    }

    @PatchMapping("/{id}")
    Network update(@PathVariable long id, @RequestBody Map<String, Object> patch) {
        return networks.update(id, patch, MasterPlatform.ID);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        networks.delete(id, MasterPlatform.ID);
    }
}
