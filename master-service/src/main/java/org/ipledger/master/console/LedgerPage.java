package org.ipledger.master.console;

import org.ipledger.master.ledger.LedgerEntries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /ledger}: the latest ledger entries; the page polls its table to follow new ones. */
@Controller
class LedgerPage {

    private static final int LATEST = 50;

    private final LedgerEntries ledger;

    LedgerPage(LedgerEntries ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/ledger")
    String page(Model model) {
        model.addAttribute("entries", ledger.latest(LATEST));
        return "master/ledger";
    }

    /** The table alone, which the page fetches every two seconds. */
    @GetMapping("/ledger/latest")
    String latest(Model model) {
        model.addAttribute("entries", ledger.latest(LATEST));
        return "master/ledger :: entries";
    }
}
