package org.ipledger.master.console;

import org.ipledger.master.platform.PlatformService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /}: the platforms with their state, last report and replica lag, the ledger's position and
 * its rate over the last minutes, and the fullest pools.
 */
@Controller
class OverviewPage {

    private static final int FULLEST = 5;
    /** Minutes of the ledger's rate the chart shows. */
    private static final int RATE_MINUTES = 15;

    private final PlatformService platforms;
    private final PoolUtilization pools;
    private final SpaceUsage usage;
    private final LedgerRate rate;

    OverviewPage(PlatformService platforms, PoolUtilization pools, SpaceUsage usage, LedgerRate rate) {
        this.platforms = platforms;
        this.pools = pools;
        this.usage = usage;
        this.rate = rate;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("platforms", Pages.all(platforms::list));
        model.addAttribute("lastSeq", usage.lastSeq());
        model.addAttribute("rate", RateChart.of(rate.lastMinutes(RATE_MINUTES)));
        model.addAttribute("pools", pools.fullestFirst().stream().limit(FULLEST).toList());
        return "master/overview";
    }
}
