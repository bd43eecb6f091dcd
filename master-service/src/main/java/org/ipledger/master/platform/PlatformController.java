package org.ipledger.master.platform;

import org.ipledger.web.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/platforms}: joining platforms and how they are doing. */
@RestController
@RequestMapping("/api/v1/platforms")
class PlatformController {

    private final PlatformService platforms;

    PlatformController(PlatformService platforms) {
        this.platforms = platforms;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Registration register(@RequestBody PlatformRequest request) {
        return platforms.register(request);
    }

    /**
     * Detach on the master's side, asked by an administrator or by the platform itself: its Kafka
     * login, REST token and signing secret are revoked; its row and addresses stay.
     */
    @DeleteMapping("/{platformId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void detach(@PathVariable String platformId) {
        platforms.detach(platformId);
    }

    @GetMapping
    Page<Platform> list(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return platforms.list(cursor, limit);
    }
}
