package org.ipledger.master.console;

import java.util.List;

import inet.ipaddr.IPAddress;
import org.ipledger.master.allocation.AddressQueries;
import org.ipledger.master.allocation.AddressView;
import org.ipledger.master.ledger.EntityKeys;
import org.ipledger.master.ledger.LedgerEntries;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /addresses}: stored addresses searched as {@code GET /api/v1/addresses} filters them, and
 * an address's page with its status and its history from the ledger. Owner names are not shown:
 * they stay on the platforms' consoles.
 */
@Controller
class AddressPages {

    private static final int HISTORY = 100;

    private final AddressQueries addresses;
    private final LedgerEntries ledger;

    AddressPages(AddressQueries addresses, LedgerEntries ledger) {
        this.addresses = addresses;
        this.ledger = ledger;
    }

    /** The search form's fields; an address alone opens that address's page. */
    record Search(String address, String prefix, String status, Long pool, String platform, String cursor) {
    }

    @GetMapping("/addresses")
    String search(Search search, Model model) {
        if (present(search.address())) {
            String address = search.address().trim();
            return "redirect:" + UriComponentsBuilder.fromPath("/addresses/{address}").buildAndExpand(address).encode().toUriString();
        }
        model.addAttribute("search", search);
        try {
            IPAddress prefix = present(search.prefix()) ? AddressParser.network("prefix", search.prefix().trim()) : null;
            Page<AddressView> page = addresses.list(search.pool(), null, present(search.status()) ? search.status() : null,
                    prefix, present(search.platform()) ? search.platform().trim() : null, search.cursor(), null, false);
            model.addAttribute("rows", page.items());
            model.addAttribute("next", page.nextCursor());
        } catch (ApiException e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("error", e.getMessage());
        }
        return "master/addresses";
    }

    @GetMapping("/addresses/{address}")
    String address(@PathVariable String address, Model model) {
        try {
            IPAddress parsed = AddressParser.address("address", address);
            model.addAttribute("address", addresses.describe(parsed, false));
            model.addAttribute("history", ledger.of(EntityKeys.address(parsed.toCanonicalString()), HISTORY));
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("history", List.of());
        }
        model.addAttribute("shown", address);
        return "master/address";
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
