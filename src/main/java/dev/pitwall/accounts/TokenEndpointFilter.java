package dev.pitwall.accounts;

import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.PitwallProperties;
import dev.pitwall.system.Problems;
import dev.pitwall.system.UnreadableBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One high-volume API endpoint served ahead of the security filter chain and Spring MVC. Their
 * per-request work (a dozen security filters, the HTTP observation, handler lookup, argument
 * resolution, method security) costs more CPU than parsing and committing what the request carries,
 * so the intake paths that senders call thousands of times a second are served here: Alertmanager's
 * {@code POST /api/v2/alerts} and {@code POST /api/v1/changes} (docs/signals.md and docs/changes.md,
 * "Speed").
 *
 * <p>It checks what the API door checks ({@code SecurityConfiguration}), with the same replies: the
 * bearer token must be known and carry the endpoint's scope (401 or 403), the body must be JSON
 * (415) and stay under {@code PITWALL_MAX_REQUEST_BODY} (413), and every error is a problem detail
 * naming the field, worded as {@code ApiExceptionHandler} words it. A subclass only reads the body
 * and answers. Register a subclass with {@code @Order(Ordered.HIGHEST_PRECEDENCE)} so it runs first.
 */
public abstract class TokenEndpointFilter extends OncePerRequestFilter {

    private static final String CHALLENGE = "WWW-Authenticate: Bearer realm=\"pitwall\"";

    private final AccountService accounts;
    private final String method;
    private final String path;
    private final Scope scope;
    private final String tokenHint;
    private final boolean contentTypeRequired;
    private final long maxBody;

    /** The mapper for bodies and replies: the application's, configured as Spring MVC's is. */
    protected final JsonMapper json;

    /**
     * @param tokenHint where this endpoint's senders configure the token, for the 401's detail
     * @param contentTypeRequired false when senders of this endpoint may leave the Content-Type out
     *     (it is read as JSON then); a Content-Type that is present must be JSON either way
     */
    protected TokenEndpointFilter(
            AccountService accounts,
            JsonMapper json,
            PitwallProperties properties,
            String method,
            String path,
            Scope scope,
            String tokenHint,
            boolean contentTypeRequired) {
        this.accounts = accounts;
        this.json = json;
        this.method = method;
        this.path = path;
        this.scope = scope;
        this.tokenHint = tokenHint;
        this.contentTypeRequired = contentTypeRequired;
        this.maxBody = properties.http().maxRequestBody().toBytes();
    }

    /**
     * Reads the body and writes the reply, after the token, the Content-Type and the size were
     * checked. May throw {@link InvalidInputException}, a {@link JacksonException} or a
     * {@link ResponseStatusException}; each becomes a problem detail.
     */
    protected abstract void handle(
            byte[] body, TokenPrincipal token, HttpServletRequest request, HttpServletResponse response)
            throws IOException;

    @Override
    protected final boolean shouldNotFilter(HttpServletRequest request) {
        return !path.equals(request.getRequestURI()) || !method.equals(request.getMethod());
    }

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "This endpoint needs an API token: send 'Authorization: Bearer <token>'" + tokenHint
                            + ". Create one with `pitwall token create NAME --scope "
                            + scope.name().toLowerCase()
                            + "`.",
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
                            + " `pitwall token create NAME --scope "
                            + scope.name().toLowerCase() + "`.",
                    CHALLENGE);
            return;
        }
        if (!token.get().has(scope)) {
            Problems.write(
                    response,
                    HttpStatus.FORBIDDEN,
                    "This token lacks the scope this endpoint needs ("
                            + scope.name().toLowerCase()
                            + "). Create a token with it on the account page or with `pitwall token create`.",
                    null);
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null ? contentTypeRequired : !isJson(contentType)) {
            String sent = contentType == null ? "no Content-Type" : "Content-Type " + contentType;
            Problems.write(
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "This endpoint does not accept " + sent + "; send application/json",
                    "Accept-Post: application/json");
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            Problems.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than the limit of " + maxBody + " bytes; send less per request"
                            + " or raise PITWALL_MAX_REQUEST_BODY",
                    null);
            return;
        }
        try {
            handle(body, token.get(), request, response);
        } catch (InvalidInputException e) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Invalid input");
            if (e.field() != null) {
                problem.setProperty("field", e.field());
            }
            writeProblem(response, problem, null);
        } catch (JacksonException e) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, UnreadableBody.describe(e));
            problem.setTitle("Unreadable request body");
            String field = UnreadableBody.field(e);
            if (field != null) {
                problem.setProperty("field", field);
            }
            writeProblem(response, problem, null);
        } catch (ResponseStatusException e) {
            ProblemDetail problem =
                    Problems.of(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
            writeProblem(response, problem, e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        }
    }

    /** Writes a JSON reply with its length, so the connection needs no chunked encoding. */
    protected final void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || ("application".equals(type.getType())
                            && type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The body, or null when it is over the limit. With a Content-Length (what senders send) it is
     * read into an array of exactly that size, which matters at tens of thousands of requests a
     * second; a chunked body is read up to one byte past the limit.
     */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            return null;
        }
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int read = request.getInputStream().readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        return body.length > maxBody ? null : body;
    }

    /** Writes a problem detail, with {@code Retry-After} when it is not null. */
    protected final void writeProblem(HttpServletResponse response, ProblemDetail problem, String retryAfter)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
