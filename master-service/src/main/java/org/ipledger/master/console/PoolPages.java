package org.ipledger.master.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import inet.ipaddr.IPAddress;

import org.ipledger.master.allocation.AddressAllocator;
import org.ipledger.master.allocation.AddressQueries;
import org.ipledger.master.allocation.AddressStatus;
import org.ipledger.master.allocation.AllocationRequest;
import org.ipledger.master.allocation.Reply;
import org.ipledger.master.platform.MasterPlatform;
import org.ipledger.master.pool.Pool;
import org.ipledger.master.pool.PoolService;
import org.ipledger.master.pool.RangeRepository;
import org.ipledger.master.pool.RangeService;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /pools}: pools with their utilization, and a pool's page where addresses are allocated,
 * reserved and released through the API's engine ({@link AddressAllocator}), as
 * {@code POST /api/v1/pools/{id}/allocations}, {@code PATCH} and {@code DELETE /api/v1/addresses/{address}}
 * do. Each form carries a fresh
 * request id, so a form sent twice (a double click, a reload) gets the first answer back, as a
 * retried API call does.
 */
@Controller
class PoolPages {

    private final PoolService pools;
    private final RangeService ranges;
    private final RangeRepository rangeRows;
    private final AddressAllocator allocator;
    private final AddressQueries addresses;
    private final PoolUtilization utilization;
    private final JsonMapper json;

    PoolPages(PoolService pools, RangeService ranges, RangeRepository rangeRows, AddressAllocator allocator,
              AddressQueries addresses, PoolUtilization utilization, JsonMapper json) {
        this.pools = pools;
        this.ranges = ranges;
        this.rangeRows = rangeRows;
        this.allocator = allocator;
        this.addresses = addresses;
        this.utilization = utilization;
        this.json = json;
    }

    @GetMapping("/pools")
    String list(Model model) {
        model.addAttribute("rows", utilization.fullestFirst());
        return "master/pools";
    }

    @GetMapping("/pools/{id}")
    String pool(@PathVariable long id, Model model) {
        Pool pool = pools.get(id);
        model.addAttribute("pool", pool);
        model.addAttribute("usage", utilization.of(id));
        model.addAttribute("ranges", Pages.all((cursor, limit) -> ranges.list(id, cursor, limit)));
        // Owner names stay on the platforms' consoles, the master's own included.
        model.addAttribute("addresses", addresses.list(id, null, null, null, null, null, null, false).items());
        model.addAttribute("requestId", UUID.randomUUID().toString());
        model.addAttribute("reserveRequestId", UUID.randomUUID().toString());
        return "master/pool";
    }

    @PostMapping("/pools/{id}/allocations")
    String allocate(@PathVariable long id, @RequestParam String requestId, @RequestParam(required = false) Integer count,
                    @RequestParam(required = false) String address, @RequestParam(required = false) String owner,
                    RedirectAttributes result) {
        AllocationRequest request = new AllocationRequest(requestId, address == null || address.isBlank() ? count : null,
                blankToNull(address), blankToNull(owner));
        show(allocator.allocate(id, request, MasterPlatform.ID), result, "Allocated");
        return "redirect:/pools/" + id;
    }

    /** Reserves one address of this pool, free or allocated, as {@code PATCH /api/v1/addresses/{address}} with {@code reserved}. */
    @PostMapping("/pools/{id}/reservations")
    String reserve(@PathVariable long id, @RequestParam String requestId, @RequestParam String address,
                   RedirectAttributes result) {
        try {
            IPAddress parsed = AddressParser.address("address", address.trim());
            if (rangeRows.containing(parsed).filter(range -> range.poolId() == id).isEmpty()) {
                throw ApiException.conflict("address_not_in_pool", parsed + " is not in a range of this pool.");
            }
            show(allocator.changeStatus(parsed, AddressStatus.RESERVED, Optional.of(requestId), MasterPlatform.ID), result,
                    "Reserved");
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/pools/" + id;
    }

    @PostMapping("/pools/{id}/releases")
    String release(@PathVariable long id, @RequestParam String address, RedirectAttributes result) {
        try {
            show(allocator.release(AddressParser.address("address", address), MasterPlatform.ID), result, "Released");
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/pools/" + id;
    }

    private void show(Reply reply, RedirectAttributes result, String done) {
        JsonNode body = reply.body().isEmpty() ? null : json.readTree(reply.body());
        if (!reply.ok()) {
            result.addFlashAttribute("error", body == null ? "Refused (" + reply.status() + ")." : body.path("message").asString());
            return;
        }
        List<String> taken = new ArrayList<>();
        if (body != null) {
            // An allocation answers with its addresses, a reservation with the one address.
            Iterable<JsonNode> addresses = body.has("addresses") ? body.path("addresses") : List.of(body);
            addresses.forEach(address -> taken.add(address.path("address").asString()));
        }
        result.addFlashAttribute("done", taken.isEmpty() ? done + "." : done + ": " + String.join(", ", taken));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
