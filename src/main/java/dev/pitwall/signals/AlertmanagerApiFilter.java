package dev.pitwall.signals;

import dev.pitwall.accounts.AccountService;
import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TokenEndpointFilter;
import dev.pitwall.accounts.TokenPrincipal;
import dev.pitwall.system.PitwallProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alertmanager's {@code POST /api/v2/alerts}, the path Prometheus sends every alert through and the
 * one benchmarked against Alertmanager. It is served ahead of the security filter chain and Spring
 * MVC ({@link TokenEndpointFilter}), because their per-request work cost more CPU than parsing and
 * committing the alerts (docs/signals.md, "Speed"). The token needs the {@code ingest} scope. The
 * reply is 200 with no body, as Alertmanager's, and only after the alerts are committed. The
 * per-request HTTP observation is skipped too; intake counts what it accepts in
 * {@code pitwall.signals.intake.alerts} instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AlertmanagerApiFilter extends TokenEndpointFilter {

    static final String PATH = "/api/v2/alerts";

    private final AlertmanagerApiFormat format;
    private final Intake intake;
    private final Clock clock;

    AlertmanagerApiFilter(
            AccountService accounts,
            AlertmanagerApiFormat format,
            Intake intake,
            JsonMapper json,
            Clock clock,
            PitwallProperties properties) {
        super(
                accounts,
                json,
                properties,
                "POST",
                PATH,
                Scope.INGEST,
                " (Prometheus: alerting.alertmanagers[].authorization.credentials)",
                false);
        this.format = format;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    protected void handle(byte[] body, TokenPrincipal token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            intake.accept(format.read(body, clock.instant()));
        } catch (IntakeRefusedException e) {
            writeProblem(response, IntakeRefusedHandler.problem(e), IntakeRefusedHandler.retryAfter(e));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }
}
