package org.ipledger.agent.console;

import org.ipledger.agent.capture.ChangeCapture;
import org.ipledger.agent.integration.IntegrationService;
import org.ipledger.agent.integration.IntegrationState;
import org.ipledger.agent.proxy.MasterCommands;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /integration/drain}: drain before an update, and what the agent still waits for from the
 * master, which the page follows while the agent drains. Draining lasts until the agent
 * restarts; there is no way back to active without a restart.
 */
@Controller
class DrainPage {

    /**
     * What is still on its way to the master.
     *
     * @param commands writes sent as commands whose replies have not come yet
     * @param changes captured changes of the platform's tables whose receipts have not come yet
     */
    public record InFlight(String state, int commands, long changes) {

        public boolean draining() {
            return state.equals(IntegrationState.DRAINING.code());
        }
    }

    private final IntegrationService integration;
    private final MasterCommands commands;
    private final ChangeCapture capture;

    DrainPage(IntegrationService integration, MasterCommands commands, ChangeCapture capture) {
        this.integration = integration;
        this.commands = commands;
        this.capture = capture;
    }

    @GetMapping("/integration/drain")
    String page(Model model) {
        model.addAttribute("inFlight", inFlight());
        return "agent/drain";
    }

    /** The counts alone, polled by the page while the agent drains. */
    @GetMapping("/integration/in-flight")
    String inFlight(Model model) {
        model.addAttribute("inFlight", inFlight());
        return "agent/drain :: in-flight";
    }

    /** Answers once the commands in flight have their replies (or after the drain's bound). */
    @PostMapping("/integration/drain")
    String drain(RedirectAttributes result) {
        try {
            integration.drain();
            result.addFlashAttribute("done", "Draining: new writes are refused until the agent restarts.");
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/integration/drain";
    }

    private InFlight inFlight() {
        return new InFlight(integration.current().state().code(), commands.inFlight(), capture.unconfirmed());
    }
}
