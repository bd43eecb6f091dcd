package org.ipledger.master.changes;

import java.util.List;
import java.util.Map;

import org.ipledger.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/platforms/{platformId}/preflight} and {@code .../conflicts}: for an administrator
 * or the platform's own token; {@code /api/v1/preflight} for an administrator, before the platform
 * registers.
 */
@RestController
class PlatformSpaceController {

    private final Preflight preflight;
    private final RefusedChanges refused;

    PlatformSpaceController(Preflight preflight, RefusedChanges refused) {
        this.preflight = preflight;
        this.refused = refused;
    }

    @PostMapping("/api/v1/preflight")
    Preflight.Report preflightBeforeRegistration(@RequestBody PreflightRequest request) {
        return preflight.checkUnregistered(request);
    }

    @PostMapping("/api/v1/platforms/{platformId}/preflight")
    Preflight.Report preflight(@PathVariable String platformId, @RequestBody PreflightRequest request) {
        return preflight.check(platformId, request);
    }

    /** The platform's refused change events and chunks, newest first, each with its reasons. */
    @GetMapping("/api/v1/platforms/{platformId}/conflicts")
    Map<String, List<RefusedChanges.RefusedChange>> conflicts(@PathVariable String platformId,
                                                             @RequestParam(required = false) Integer limit) {
        return Map.of("conflicts", refused.latest(platformId, Page.limit(limit)));
    }
}
