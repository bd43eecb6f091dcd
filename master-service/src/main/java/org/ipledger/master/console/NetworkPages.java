package org.ipledger.master.console;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import inet.ipaddr.IPAddress;
import jakarta.servlet.http.HttpServletResponse;
import org.ipledger.master.allocation.StoredCounts;
import org.ipledger.master.network.Network;
import org.ipledger.master.network.NetworkRequest;
import org.ipledger.master.network.NetworkService;
import org.ipledger.master.platform.MasterPlatform;
import org.ipledger.web.AddressParser;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /networks}: the list with filters and utilization, creation, and a network's page with its
 * address map, where it is changed and deleted. Every change goes through {@link NetworkService},
 * as {@code POST}, {@code PATCH} and {@code DELETE /api/v1/networks} do, so the page shows the API's
 * own refusals.
 */
@Controller
class NetworkPages {

    private static final Set<String> FIELDS = Set.of("cidr", "name", "gateway", "vlan", "locations", "note");

    /** The list's filters; blank means any. */
    public record Filter(String family, String location, String platform, String q) {

        boolean matches(Network network) {
            return (blank(family) || family.equals(Integer.toString(network.family())))
                    && (blank(location) || network.locations().isEmpty() || network.locations().contains(location))
                    && (blank(platform) || platform.equals(network.platformId()))
                    && (blank(q) || (network.cidr() + " " + network.name() + " " + network.note())
                    .toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)));
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** The creation or edit form as typed, kept when the API refuses it; the edit form has no CIDR. */
    public record NetworkForm(String cidr, String name, String gateway, Integer vlan, String locations, String note) {

        static NetworkForm empty() {
            return new NetworkForm(null, null, null, null, null, null);
        }

        static NetworkForm of(Network network) {
            return new NetworkForm(network.cidr(), network.name(), network.gateway(), network.vlan(),
                    String.join(", ", network.locations()), network.note());
        }

        NetworkRequest request() {
            return new NetworkRequest(cidr, name, blankToNull(gateway), vlan, locationList(), blankToNull(note));
        }

        /** Every changeable field, an empty one cleared, as a merge patch of the whole form. */
        Map<String, Object> patch() {
            Map<String, Object> patch = new HashMap<>();
            patch.put("name", name);
            patch.put("gateway", blankToNull(gateway));
            patch.put("vlan", vlan);
            patch.put("locations", locationList());
            patch.put("note", blankToNull(note));
            return patch;
        }

        private List<String> locationList() {
            return locations == null || locations.isBlank() ? List.of()
                    : Arrays.stream(locations.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    /** A network in the list with how full it is. */
    public record Row(Network network, Usage usage) {
    }

    private final NetworkService networks;
    private final SpaceUsage usage;
    private final AddressMap map;
    private final StoredCounts storedCounts;

    NetworkPages(NetworkService networks, SpaceUsage usage, AddressMap map, StoredCounts storedCounts) {
        this.networks = networks;
        this.usage = usage;
        this.map = map;
        this.storedCounts = storedCounts;
    }

    @GetMapping("/networks")
    String list(@ModelAttribute("filter") Filter filter, Model model) {
        return listPage(filter, NetworkForm.empty(), FieldErrors.none(), model);
    }

    @PostMapping("/networks")
    String create(@ModelAttribute("form") NetworkForm form, Model model, HttpServletResponse response) {
        try {
            Network created = networks.create(form.request(), MasterPlatform.ID);
            return "redirect:/networks/" + created.id();
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return listPage(new Filter(null, null, null, null), form, FieldErrors.of(e, FIELDS), model);
        }
    }

    @GetMapping("/networks/{id}")
    String network(@PathVariable long id, @RequestParam(required = false) String block, Model model) {
        Network network = networks.get(id);
        return networkPage(network, block, NetworkForm.of(network), FieldErrors.none(), model);
    }

    @PostMapping("/networks/{id}")
    String edit(@PathVariable long id, @ModelAttribute("form") NetworkForm form, Model model, HttpServletResponse response,
                RedirectAttributes result) {
        try {
            Network changed = networks.update(id, form.patch(), MasterPlatform.ID);
            result.addFlashAttribute("done", "Saved " + changed.cidr() + ".");
            return "redirect:/networks/" + id;
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            return networkPage(networks.get(id), null, form, FieldErrors.of(e, FIELDS), model);
        }
    }

    @GetMapping("/networks/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        Network network = networks.get(id);
        model.addAttribute("network", network);
        model.addAttribute("ranges", usage.rangesIn(id));
        model.addAttribute("stored", storedCounts.stored(id, network.block()));
        return "master/network-delete";
    }

    @PostMapping("/networks/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes result) {
        Network network = networks.get(id);
        try {
            networks.delete(id, MasterPlatform.ID);
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
            return "redirect:/networks/" + id;
        }
        result.addFlashAttribute("done", "Deleted " + network.cidr() + " (" + network.name() + ").");
        return "redirect:/networks";
    }

    private String networkPage(Network network, String block, NetworkForm form, FieldErrors errors, Model model) {
        long id = network.id();
        IPAddress scope = block == null ? network.block() : AddressParser.network("block", block);
        if (!network.block().contains(scope)) {
            throw ApiException.badRequest("block_outside_network", "block " + block + " is not inside " + network.cidr() + ".");
        }
        model.addAttribute("network", network);
        model.addAttribute("usage", new Usage(storedCounts.stored(id, network.block()), network.block().getCount()));
        model.addAttribute("ranges", usage.rangesIn(id));
        model.addAttribute("map", map.of(network, scope));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.byField());
        return "master/network";
    }

    private String listPage(Filter filter, NetworkForm form, FieldErrors errors, Model model) {
        List<Network> shown = Pages.all(networks::list).stream().filter(filter::matches).toList();
        Map<Long, Long> stored = storedCounts.stored(shown.stream().collect(Collectors.toMap(Network::id, Network::block)));
        List<Row> rows = shown.stream()
                .map(network -> new Row(network, new Usage(stored.get(network.id()), network.block().getCount())))
                .toList();
        model.addAttribute("filter", filter);
        model.addAttribute("rows", rows);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.byField());
        return "master/networks";
    }
}
