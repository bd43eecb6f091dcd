package org.ipledger.web.console;

import jakarta.servlet.http.HttpSession;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /signin}: the sign-in form, with the service's sentence for the last refusal (wrong
 * password, too many attempts). A service takes it with {@code @Import}.
 */
@Controller
@EnableConfigurationProperties(ConsoleProperties.class)
public class SignInPage {

    private final String hint;

    public SignInPage(ConsoleProperties properties) {
        this.hint = properties.signInHint();
    }

    @GetMapping(ConsoleSecurity.SIGN_IN)
    String signIn(@RequestParam(required = false) String error, HttpSession session, Model model) {
        if (error != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("hint", hint);
        return "console/signin";
    }
}
