package org.ipledger.master.ledger;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /api/v1/ledger/snapshot}: the whole current state at a {@code seq}, streamed. */
@RestController
class LedgerSnapshotController {

    private final LedgerSnapshot snapshot;

    LedgerSnapshotController(LedgerSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @GetMapping("/api/v1/ledger/snapshot")
    ResponseEntity<StreamingResponseBody> snapshot() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(snapshot::writeTo);
    }
}
