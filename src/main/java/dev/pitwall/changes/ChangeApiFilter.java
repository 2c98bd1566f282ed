package dev.pitwall.changes;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenEndpointFilter;
import dev.pitwall.accounts.TokenPrincipal;
import dev.pitwall.system.InvalidInputException;
import dev.pitwall.system.PitwallProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/changes}, the path every deploy pipeline calls, served ahead of the security
 * filter chain and Spring MVC ({@link TokenEndpointFilter}): their per-request work cost more CPU
 * than recording the change (docs/changes.md, "Speed"). The token needs the {@code ingest} scope.
 * The reply is the one {@link ChangeApiController} documents: 201 with {@code Location} and the
 * stored change, or 200 with the stored change when its external id was recorded before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChangeApiFilter extends TokenEndpointFilter {

    static final String PATH = "/api/v1/changes";

    private final ChangeIntake intake;

    ChangeApiFilter(AccountService accounts, ChangeIntake intake, JsonMapper json, PitwallProperties properties) {
        super(accounts, json, properties, "POST", PATH, Scope.INGEST, "", true);
        this.intake = intake;
    }

    @Override
    protected void handle(byte[] body, TokenPrincipal token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ChangeApiController.ChangeRequest change = json.readValue(body, ChangeApiController.ChangeRequest.class);
        if (change == null) {
            throw new InvalidInputException(null, "The body must be a JSON object describing the change");
        }
        ChangeService.Recorded recorded = intake.record(change, token.actor());
        if (recorded.created()) {
            response.setHeader(
                    HttpHeaders.LOCATION, PATH + "/" + recorded.change().id());
        }
        writeJson(
                response,
                recorded.created() ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK,
                recorded.change());
    }
}
