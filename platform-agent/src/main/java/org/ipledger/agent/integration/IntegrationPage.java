package org.ipledger.agent.integration;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.ipledger.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /} on the agent: the integration's page, the module's page in the platform's interface.
 * Configure (master URL, e-mail, password), Check (the preflight, with its conflicts as a table),
 * Apply (the join), the migration's progress, and Detach with a confirmation. Every action goes
 * through {@link IntegrationService}, as the integration's API does.
 */
@Controller
class IntegrationPage {

    /** The Configure form as typed; the password is never shown back. */
    public record JoinForm(String masterUrl, String email, String password) {

        JoinRequest request() {
            return new JoinRequest(masterUrl, email, password);
        }
    }

    /** One conflict of the preflight: the platform's row, the master's, and why they cannot both be. */
    public record Conflict(String kind, String local, String master, String message) {

        static Conflict of(JsonNode conflict) {
            return new Conflict(conflict.path("kind").asString(""), row(conflict.path("local")),
                    row(conflict.path("master")), conflict.path("message").asString(""));
        }

        /** A row as {@code ipnet 7: cidr=10.50.0.0/23, name=dc net}. */
        private static String row(JsonNode row) {
            if (!row.isObject()) {
                return "";
            }
            StringBuilder text = new StringBuilder(row.path("table").asString("") + " " + row.path("id").asString("") + ":");
            row.properties().stream().filter(field -> !field.getKey().equals("table") && !field.getKey().equals("id")
                            && !field.getValue().isNull())
                    .forEach(field -> text.append(' ').append(field.getKey()).append('=').append(field.getValue().asString()));
            return text.toString();
        }
    }

    private final IntegrationService integration;
    private final ObjectMapper json;

    IntegrationPage(IntegrationService integration, ObjectMapper json) {
        this.integration = integration;
        this.json = json;
    }

    @GetMapping("/")
    String page(Model model) {
        return page(new JoinForm(null, null, null), model);
    }

    /**
     * The state and the progress bar alone, which the page polls while the platform joins and
     * migrates; once that is over, htmx reloads the whole page, whose actions depend on the state.
     */
    @GetMapping("/integration/state")
    String state(Model model, HttpServletResponse response) {
        Integration current = integration.current();
        if (current.state() != IntegrationState.CONNECTING && current.state() != IntegrationState.MIGRATING) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("status", IntegrationStatus.of(current, integration.progress()));
        return "agent/integration :: state";
    }

    @PostMapping("/integration/check")
    String check(@ModelAttribute JoinForm form, Model model, HttpServletResponse response) {
        try {
            JsonNode preflight = integration.preflight(form.request());
            model.addAttribute("checked", true);
            model.addAttribute("conflicts", conflicts(preflight.path("conflicts")));
            model.addAttribute("merges", merges(preflight.path("merges")));
        } catch (ApiException e) {
            refused(e, model, response);
        }
        return page(form, model);
    }

    @PostMapping("/integration/apply")
    String apply(@ModelAttribute JoinForm form, Model model, HttpServletResponse response) {
        try {
            integration.join(form.request());
            return "redirect:/";
        } catch (ApiException e) {
            refused(e, model, response);
            return page(form, model);
        }
    }

    @GetMapping("/integration/detach")
    String confirmDetach(Model model) {
        model.addAttribute("status", IntegrationStatus.of(integration.current(), integration.progress()));
        return "agent/detach";
    }

    @PostMapping("/integration/detach")
    String detach(RedirectAttributes result) {
        try {
            AddressSpaceReturn.Returned returned = integration.detach();
            result.addFlashAttribute("done", "Detached. Back in the platform's own tables: " + returned.networks()
                    + " networks, " + returned.pools() + " pools, " + returned.ranges() + " ranges and "
                    + returned.addresses() + " addresses.");
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/";
    }

    private String page(JoinForm form, Model model) {
        model.addAttribute("status", IntegrationStatus.of(integration.current(), integration.progress()));
        model.addAttribute("form", new JoinForm(form.masterUrl(), form.email(), null));
        return "agent/integration";
    }

    /** The refusal on the page, and the conflicts of a join that the preflight stopped. */
    private void refused(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("error", e.getMessage());
        Map<String, Object> details = e.toResponse().details();
        if (details != null && details.get("conflicts") != null) {
            model.addAttribute("conflicts", conflicts(json.valueToTree(details.get("conflicts"))));
        }
    }

    private static List<Conflict> conflicts(JsonNode conflicts) {
        return conflicts.valueStream().map(Conflict::of).toList();
    }

    private static List<String> merges(JsonNode merges) {
        return merges.valueStream().map(merge -> "The platform's network " + merge.path("localNetworkId").asString()
                + " merges into the master's network " + merge.path("masterNetworkId").asString() + ".").toList();
    }
}
