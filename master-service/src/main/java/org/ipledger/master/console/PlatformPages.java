package org.ipledger.master.console;

import org.ipledger.master.auth.PlatformTokens;
import org.ipledger.master.changes.RefusedChanges;
import org.ipledger.master.platform.PlatformService;
import org.ipledger.web.ApiException;
import org.ipledger.web.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /platforms/{id}}: a joined platform's registration, when its credentials were last issued
 * (its agent registering again rotates them), state and conflicts, and its revocation
 * ({@link PlatformService#detach}, as {@code DELETE /api/v1/platforms/{id}}) after a page that
 * says what it does.
 */
@Controller
class PlatformPages {

    private final PlatformService platforms;
    private final RefusedChanges refused;
    private final PlatformTokens tokens;

    PlatformPages(PlatformService platforms, RefusedChanges refused, PlatformTokens tokens) {
        this.platforms = platforms;
        this.refused = refused;
        this.tokens = tokens;
    }

    @GetMapping("/platforms/{id}")
    String platform(@PathVariable String id, Model model) {
        model.addAttribute("platform", platforms.get(id));
        model.addAttribute("conflicts", refused.latest(id, Page.DEFAULT_LIMIT));
        model.addAttribute("credentialsIssued", tokens.issuedAt(id).orElse(null));
        return "master/platform";
    }

    @GetMapping("/platforms/{id}/revoke")
    String confirmRevoke(@PathVariable String id, Model model) {
        model.addAttribute("platform", platforms.get(id));
        return "master/platform-revoke";
    }

    @PostMapping("/platforms/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes result) {
        try {
            platforms.detach(id);
            result.addFlashAttribute("done", "Revoked: " + id + " can no longer send changes nor read the ledger.");
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/platforms/" + id;
    }
}
