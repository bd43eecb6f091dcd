package org.ipledger.master.console;

import org.ipledger.web.RoleNames;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every console page whether its reader is an administrator, for links only they may follow. */
@ControllerAdvice(basePackageClasses = SignedInUser.class)
class SignedInUser {

    @ModelAttribute("administrator")
    boolean administrator(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> RoleNames.ADMIN.equals(authority.getAuthority()));
    }
}
