package org.ipledger.master.changes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipledger.web.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/platforms/{platformId}/preflight} and {@code .../conflicts}: for an administrator
 * or the platform's own token; {@code /api/v1/preflight} for an administrator, before the platform
 * registers.
 */
@RestController
class PlatformSpaceController {

    private final Preflight preflight;
    private final ChangeLog changeLog;
    private final JsonMapper json;

    PlatformSpaceController(Preflight preflight, ChangeLog changeLog, JsonMapper json) {
        this.preflight = preflight;
        this.changeLog = changeLog;
        this.json = json;
    }

    @PostMapping("/api/v1/preflight")
    Preflight.Report preflightBeforeRegistration(@RequestBody PreflightRequest request) {
        return preflight.checkUnregistered(request);
    }

    @PostMapping("/api/v1/platforms/{platformId}/preflight")
    Preflight.Report preflight(@PathVariable String platformId, @RequestBody PreflightRequest request) {
        return preflight.check(platformId, request);
    }

    /** The platform's refused change events and chunks, newest first, each with its receipt. */
    @GetMapping("/api/v1/platforms/{platformId}/conflicts")
    Map<String, Object> conflicts(@PathVariable String platformId, @RequestParam(required = false) Integer limit) {
        List<Map<String, Object>> items = changeLog.conflicts(platformId, Page.limit(limit)).stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventId", c.eventId());
            item.put("kind", c.kind());
            item.put("error", c.error());
            item.put("message", c.message());
            item.put("processedAt", c.processedAt().toInstant().toString());
            item.put("conflicts", json.readTree(c.receipt()).path("details").path("conflicts"));
            return item;
        }).toList();
        return Map.of("conflicts", items);
    }
}
