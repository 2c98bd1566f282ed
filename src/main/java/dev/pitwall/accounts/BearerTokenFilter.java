package dev.pitwall.accounts;

import dev.pitwall.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer pw_…} on API requests. A token that is presented
 * but unknown or revoked is refused at once; a request without one continues unauthenticated and
 * is refused later only if its endpoint needs a token.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String CHALLENGE = "WWW-Authenticate: Bearer realm=\"pitwall\"";

    private final AccountService accounts;

    BearerTokenFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TokenPrincipal> principal =
                accounts.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            Problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "The bearer token is unknown or revoked. Create a token on the account page or with"
                            + " `pitwall token create NAME --scope SCOPE`.",
                    CHALLENGE);
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final TokenPrincipal principal;

        TokenAuthentication(TokenPrincipal principal) {
            super(principal.authorities());
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public TokenPrincipal getPrincipal() {
            return principal;
        }
    }
}
