package dev.pitwall.accounts;

import dev.pitwall.system.ConflictException;
import dev.pitwall.system.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The account page: one's own tokens and password, and for admins every user and token. */
@Controller
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal SignedInUser me, Model model) {
        boolean admin = me.role() == Role.ADMIN;
        model.addAttribute("me", accounts.user(me.id()));
        model.addAttribute("admin", admin);
        model.addAttribute("tokens", admin ? accounts.tokens() : accounts.tokensCreatedBy(me.id()));
        model.addAttribute("scopes", grantableScopes(me));
        model.addAttribute("roles", Role.values());
        if (admin) {
            model.addAttribute("users", accounts.users());
        }
        return "accounts/account";
    }

    @PostMapping("/account/tokens")
    String createToken(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam String name,
            @RequestParam(name = "scope", required = false) List<String> scopeNames,
            RedirectAttributes redirect) {
        try {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            if (scopeNames != null) {
                scopeNames.forEach(s -> scopes.add(Scope.parse(s)));
            }
            if (!grantableScopes(me).containsAll(scopes)) {
                throw new InvalidInputException("scope", "Only admins can create tokens with the admin scope");
            }
            CreatedToken created = accounts.createToken(name, scopes, me.id());
            redirect.addFlashAttribute("createdToken", created);
        } catch (InvalidInputException | IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        ApiToken token = accounts.token(id);
        boolean own = token.createdBy() != null && token.createdBy() == me.id();
        if (!own && me.role() != Role.ADMIN) {
            redirect.addFlashAttribute("error", "Only admins can revoke tokens that others created");
            return "redirect:/account";
        }
        accounts.revokeToken(id);
        redirect.addFlashAttribute("message", "Token '" + token.name() + "' revoked");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal SignedInUser me,
            @RequestParam String currentPassword,
            @RequestParam String newPassword,
            RedirectAttributes redirect) {
        try {
            accounts.changePassword(me.id(), currentPassword, newPassword);
            redirect.addFlashAttribute("message", "Password changed");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/users")
    @PreAuthorize("hasRole('ADMIN')")
    String createUser(
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam Role role,
            RedirectAttributes redirect) {
        try {
            accounts.createUser(username, password, role);
            redirect.addFlashAttribute("message", "User '" + username + "' created");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/users/{id}/role")
    @PreAuthorize("hasRole('ADMIN')")
    String changeRole(@PathVariable long id, @RequestParam Role role, RedirectAttributes redirect) {
        try {
            User user = accounts.changeRole(id, role);
            redirect.addFlashAttribute(
                    "message", "'" + user.username() + "' is now " + role.name().toLowerCase());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/users/{id}/enabled")
    @PreAuthorize("hasRole('ADMIN')")
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            User user = accounts.setEnabled(id, enabled);
            redirect.addFlashAttribute("message", "'" + user.username() + "' " + (enabled ? "enabled" : "disabled"));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account";
    }

    private static Set<Scope> grantableScopes(SignedInUser me) {
        return me.role() == Role.ADMIN ? EnumSet.allOf(Scope.class) : EnumSet.of(Scope.INGEST, Scope.READ);
    }
}
