package org.ipledger.master.console;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ipledger.master.auth.UserRequest;
import org.ipledger.master.auth.UserService;
import org.ipledger.web.ApiException;
import org.ipledger.web.RoleNames;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /users}, for administrators only: the accounts, a new one, and changes of roles and of
 * whether an account may sign in, all through {@link UserService} as {@code /api/v1/users} does,
 * with its refusals shown (an administrator cannot disable themselves).
 */
@Controller
class UserPages {

    private static final Set<String> FIELDS = Set.of("email", "password", "roles");

    private final UserService users;

    UserPages(UserService users) {
        this.users = users;
    }

    /** The new account's form as typed, shown again when it is refused; never the password. */
    record UserForm(String email, Boolean admin) {

        /** An unticked box sends nothing. */
        public boolean administrator() {
            return Boolean.TRUE.equals(admin);
        }
    }

    @GetMapping("/users")
    String list(Model model) {
        return page(new UserForm(null, false), FieldErrors.none(), model);
    }

    @PostMapping("/users")
    String create(UserForm form, @RequestParam(required = false) String password, Model model, RedirectAttributes result) {
        try {
            users.create(new UserRequest(form.email(), password, roles(form.administrator())));
        } catch (ApiException e) {
            return page(form, FieldErrors.of(e, FIELDS), model);
        }
        result.addFlashAttribute("done", "Created " + form.email().trim() + ".");
        return "redirect:/users";
    }

    @PostMapping("/users/{email}/roles")
    String roles(@PathVariable String email, @RequestParam(defaultValue = "false") boolean admin, Authentication caller,
                 RedirectAttributes result) {
        return change(email, Map.of("roles", roles(admin)), caller, result,
                email + (admin ? " is an administrator." : " is no longer an administrator."));
    }

    @PostMapping("/users/{email}/disabled")
    String disabled(@PathVariable String email, @RequestParam boolean disabled, Authentication caller,
                    RedirectAttributes result) {
        return change(email, Map.of("disabled", disabled), caller, result,
                email + (disabled ? " is disabled." : " is enabled."));
    }

    private String change(String email, Map<String, Object> body, Authentication caller, RedirectAttributes result,
                          String done) {
        try {
            users.change(email, body, caller.getName());
            result.addFlashAttribute("done", done);
        } catch (ApiException e) {
            result.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }

    private String page(UserForm form, FieldErrors errors, Model model) {
        model.addAttribute("users", Pages.all(users::list));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.byField());
        model.addAttribute("admin", RoleNames.ADMIN);
        return "master/users";
    }

    private static List<String> roles(boolean admin) {
        return admin ? List.of(RoleNames.ADMIN) : List.of();
    }
}
