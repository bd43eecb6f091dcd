package org.ipledger.agent.integration;

import jakarta.servlet.http.HttpServletResponse;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /integration/credentials}: rotates the platform's credentials with the master while the
 * integration is active, asking for an administrator's e-mail and password as Configure does, with
 * what happens said before it is done.
 */
@Controller
class CredentialsPage {

    private final IntegrationService integration;

    CredentialsPage(IntegrationService integration) {
        this.integration = integration;
    }

    @GetMapping("/integration/credentials")
    String page(Model model) {
        return page(null, model);
    }

    @PostMapping("/integration/credentials")
    String rotate(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            Model model, RedirectAttributes result, HttpServletResponse response) {
        try {
            Integration rotated = integration.rotateCredentials(email, password);
            result.addFlashAttribute("done", "Credentials rotated: platform " + rotated.platformId().orElse("")
                    + " now uses a new Kafka password, signing secret and API token; the old ones no longer work.");
            return "redirect:/";
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            return page(email, model);
        }
    }

    private String page(String email, Model model) {
        model.addAttribute("status", IntegrationStatus.of(integration.current(), integration.progress()));
        model.addAttribute("email", email);
        return "agent/credentials";
    }
}
