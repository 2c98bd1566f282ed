package dev.pitwall.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pitwall.accounts.Scope;
import dev.pitwall.accounts.TestTokens;
import dev.pitwall.cli.SuspectsCommand;
import dev.pitwall.incidents.Incidents;
import dev.pitwall.signals.Severity;
import dev.pitwall.system.ApiClient;
import dev.pitwall.system.PitwallTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;

/** {@code pitwall suspects} lists an incident's suspects with their reasons and marks one, against a running server. */
@PitwallTest
class SuspectsCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Incidents incidents;

    @Autowired
    Clock clock;

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        CommandLine cli = new CommandLine(new SuspectsCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void listsTheSuspectsWithTheirReasonsAndMarksOneAsTheConfirmedCause() {
        String suffix = SuspectsScenario.letters(new Random(), 6);
        String service = "pricing-api-" + suffix;
        String env = "production-" + suffix;
        Instant impact = clock.instant().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS);
        ApiClient ingest = ApiClient.at(port).withToken(TestTokens.create(context, Scope.INGEST));
        ApiClient.Response change = ingest.post(
                "/api/v1/changes",
                "{\"service\": \"" + service + "\", \"environment\": \"" + env + "\", \"kind\": \"feature_flag\","
                        + " \"description\": \"Flag new-tax-engine on\", \"startedAt\": \"" + impact.minusSeconds(600)
                        + "\"}");
        long changeId = change.json().get("id").asLong();
        new IncidentSignals(events, transactions)
                .publish(IncidentSignals.alert(
                        "TaxTotalsWrong", "Tax totals are off by a cent", Severity.CRITICAL, service, env, impact));
        long id = incidents.open().stream()
                .filter(i -> i.services().contains(service))
                .findFirst()
                .orElseThrow()
                .id();
        String server = "http://127.0.0.1:" + port;
        String reader = TestTokens.create(context, Scope.READ);
        String admin = TestTokens.create(context, Scope.ADMIN);

        Run listed = run(String.valueOf(id), "--server", server, "--token", reader);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out())
                .startsWith("Incident #" + id + ": ranked ")
                .contains("#1", service + " (feature flag, change #" + changeId + ") in " + env)
                .contains("feature-flag change: takes effect everywhere at once")
                .contains("finished 10 min before impact")
                .contains("During the incident:");

        Run marked = run(
                String.valueOf(id),
                "--confirm",
                String.valueOf(changeId),
                "--note",
                "flag flip",
                "--server",
                server,
                "--token",
                admin);
        assertThat(marked.exitCode()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("[confirmed cause by token test-", ": flag flip]");

        Run refused =
                run(String.valueOf(id), "--rule-out", String.valueOf(changeId), "--server", server, "--token", reader);
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("Refused (HTTP 403)");

        Run unknown = run("987654321", "--server", server, "--token", reader);
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("No incident with id 987654321");

        Run noteAlone = run(String.valueOf(id), "--note", "why", "--server", server, "--token", admin);
        assertThat(noteAlone.exitCode()).isEqualTo(2);
        Run twoMarks = run(String.valueOf(id), "--confirm", "1", "--clear", "2", "--server", server, "--token", admin);
        assertThat(twoMarks.exitCode()).isEqualTo(2);
    }
}
