package org.ipledger.agent.replica;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /space}: the shared address space as this platform sees it, from its replica: only the
 * networks and pools of its locations, and on its own addresses its own owner names, which no
 * other console shows.
 */
@Controller
class ReplicaPage {

    private static final int SHOWN = 1000;

    private final ReplicaQueries queries;

    ReplicaPage(ReplicaQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/space")
    String space(Model model) {
        model.addAttribute("networks", queries.networks(null, SHOWN).items());
        model.addAttribute("pools", queries.pools(null, SHOWN).items());
        return "agent/space";
    }

    @GetMapping("/space/pools/{id}")
    String pool(@PathVariable long id, Model model) {
        model.addAttribute("pool", queries.pool(id));
        model.addAttribute("ranges", queries.ranges(id, null, SHOWN).items());
        model.addAttribute("addresses", queries.addresses(id, null, null, null, SHOWN).items());
        return "agent/pool";
    }
}
