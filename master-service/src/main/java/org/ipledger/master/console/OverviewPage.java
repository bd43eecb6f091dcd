package org.ipledger.master.console;

import org.ipledger.master.platform.PlatformService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: the platforms with their state, the ledger's position and the fullest pools. */
@Controller
class OverviewPage {

    private static final int FULLEST = 5;

    private final PlatformService platforms;
    private final PoolUtilization pools;
    private final SpaceUsage usage;

    OverviewPage(PlatformService platforms, PoolUtilization pools, SpaceUsage usage) {
        this.platforms = platforms;
        this.pools = pools;
        this.usage = usage;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("platforms", Pages.all(platforms::list));
        model.addAttribute("lastSeq", usage.lastSeq());
        model.addAttribute("pools", pools.fullestFirst().stream().limit(FULLEST).toList());
        return "master/overview";
    }
}
