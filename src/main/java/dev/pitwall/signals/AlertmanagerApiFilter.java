package dev.pitwall.signals;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenPrincipal;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.PitwallProperties;
import dev.pitwall.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's {@code POST /api/v2/alerts}, the path Prometheus sends every alert through and the
 * one benchmarked against Alertmanager. It is served here, ahead of the security filter chain and
 * Spring MVC, because their per-request work (a dozen filters, handler lookup, argument resolution,
 * method security) cost more CPU than parsing and committing the alerts (docs/signals.md, "Speed").
 *
 * <p>It checks what the API door checks, with the same replies: the bearer token must be known and
 * carry the {@code ingest} scope (401 or 403), the body stays under {@code PITWALL_MAX_REQUEST_BODY}
 * (413), and every error is a problem detail naming the field. The reply is 200 with no body, as
 * Alertmanager's, and only after the alerts are committed. It runs first of all filters, so the
 * per-request HTTP observation is skipped too; intake counts what it accepts in
 * {@code pitwall.signals.intake.alerts} instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AlertmanagerApiFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v2/alerts";
    private static final String CHALLENGE = "WWW-Authenticate: Bearer realm=\"pitwall\"";

    private final AccountService accounts;
    private final AlertmanagerApiFormat format;
    private final Intake intake;
    private final JsonMapper json;
    private final Clock clock;
    private final long maxBody;

    AlertmanagerApiFilter(
            AccountService accounts,
            AlertmanagerApiFormat format,
            Intake intake,
            JsonMapper json,
            Clock clock,
            PitwallProperties properties) {
        this.accounts = accounts;
        this.format = format;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
        this.maxBody = properties.http().maxRequestBody().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI()) || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "This endpoint needs an API token: send 'Authorization: Bearer <token>' (Prometheus:"
                            + " alerting.alertmanagers[].authorization.credentials). Create one with `pitwall token"
                            + " create NAME --scope ingest`.",
                    CHALLENGE);
            return;
        }
        Optional<TokenPrincipal> token =
                accounts.authenticate(header.substring(7).trim());
        if (token.isEmpty()) {
            Problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "The bearer token is unknown or revoked. Create a token on the account page or with"
                            + " `pitwall token create NAME --scope ingest`.",
                    CHALLENGE);
            return;
        }
        if (!token.get().has(Scope.INGEST)) {
            Problems.write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "This token lacks the scope this endpoint needs (ingest, read or admin).",
                    null);
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            Problems.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than the limit of " + maxBody + " bytes; send fewer alerts per"
                            + " request or raise PITWALL_MAX_REQUEST_BODY",
                    null);
            return;
        }
        try {
            intake.accept(format.read(body, clock.instant()));
        } catch (InvalidInputException e) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Invalid input");
            if (e.field() != null) {
                problem.setProperty("field", e.field());
            }
            write(response, problem, null);
            return;
        } catch (IntakeRefusedException e) {
            ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
            problem.setTitle("Intake busy");
            write(response, problem, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /**
     * The body, or null when it is over the limit. With a Content-Length (what Prometheus and
     * Alertmanager send) it is read into an array of exactly that size, which matters at tens of
     * thousands of requests a second; a chunked body is read up to one byte past the limit.
     */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            return null;
        }
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int read = request.getInputStream().readNBytes(body, 0, body.length);
            return read == body.length ? body : java.util.Arrays.copyOf(body, read);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        return body.length > maxBody ? null : body;
    }

    private void write(HttpServletResponse response, ProblemDetail problem, String retryAfter) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
