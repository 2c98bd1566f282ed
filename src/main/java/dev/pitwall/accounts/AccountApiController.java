package dev.pitwall.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class AccountApiController {

    record Me(long tokenId, String tokenName, Set<Scope> scopes, String createdBy) {}

    record TokenRequest(String name, Set<Scope> scopes) {}

    record TokenCreated(ApiToken token, String secret) {}

    record UserRequest(String username, String password, Role role) {}

    record UserChange(Role role, Boolean enabled) {}

    record UserView(long id, String username, Role role, boolean enabled, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.role(), user.enabled(), user.createdAt());
        }
    }

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    /** Who the presented token is: the smallest authenticated call, for checking a setup. */
    @GetMapping("/me")
    @PreAuthorize("isAuthenticated()")
    Me me(@AuthenticationPrincipal TokenPrincipal token) {
        String createdBy =
                token.userId() == null ? null : accounts.user(token.userId()).username();
        return new Me(token.tokenId(), token.name(), token.scopes(), createdBy);
    }

    @GetMapping("/tokens")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    List<ApiToken> tokens() {
        return accounts.tokens();
    }

    @PostMapping("/tokens")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<TokenCreated> createToken(
            @AuthenticationPrincipal TokenPrincipal token, @RequestBody TokenRequest request) {
        CreatedToken created = accounts.createToken(request.name(), request.scopes(), token.userId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new TokenCreated(created.token(), created.secret()));
    }

    @DeleteMapping("/tokens/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<Void> revokeToken(@PathVariable long id) {
        accounts.revokeToken(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/users")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    List<UserView> users() {
        return accounts.users().stream().map(UserView::of).toList();
    }

    @PostMapping("/users")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    ResponseEntity<UserView> createUser(@RequestBody UserRequest request) {
        Role role = request.role() == null ? Role.RESPONDER : request.role();
        User user = accounts.createUser(request.username(), request.password(), role);
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    @PatchMapping("/users/{id}")
    @PreAuthorize("hasAuthority('SCOPE_admin')")
    UserView changeUser(@PathVariable long id, @RequestBody UserChange change) {
        if (change.role() != null) {
            accounts.changeRole(id, change.role());
        }
        if (change.enabled() != null) {
            accounts.setEnabled(id, change.enabled());
        }
        return UserView.of(accounts.user(id));
    }
}
