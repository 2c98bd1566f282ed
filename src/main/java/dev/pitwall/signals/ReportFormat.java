package dev.pitwall.signals;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer reports, the Client Success path. A report is a signal with source {@code report}; its
 * fingerprint is the customer plus the problem (and service and environment), so the same customer
 * reporting the same thing twice counts twice on one signal, while every other customer gets a
 * signal of their own and incidents can count distinct customers.
 *
 * <p>Severity: {@code error} when the reporter marks it widespread, else {@code warning}.
 */
@Component
class ReportFormat implements SignalFormat {

    static final int MAX_PROBLEM = 4000;
    static final int MAX_CUSTOMERS = 10_000_000;

    private final JsonMapper json;

    ReportFormat(JsonMapper json) {
        this.json = json;
    }

    @Override
    public List<Observation> read(byte[] body, Instant receivedAt) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw AlertReader.unreadable(e);
        }
        JsonBody b = JsonBody.of(node);
        b.throwFirst();
        ReportRequest request = new ReportRequest(
                b.string(b.name("customer", "customer_id", "customerId", "account", "account_id", "accountId")),
                b.string(b.name("problem", "cannot", "text", "description")),
                b.string("service"),
                b.string("environment"),
                b.integer(b.name("customers_affected", "customersAffected")),
                b.bool("widespread"),
                b.time(b.name("occurred_at", "occurredAt")));
        b.throwFirst();
        return List.of(observation(request, null, receivedAt));
    }

    /** Checks a report and makes it an observation; {@code reportedBy} names who entered it in the UI. */
    Observation observation(ReportRequest r, String reportedBy, Instant receivedAt) {
        String customer = GenericSignalFormat.blankToNull(r.customer());
        if (customer == null) {
            throw new InvalidInputException(
                    "customer", "'customer' is missing: the id of the customer or account that reported the problem");
        }
        IntakeLimits.text("customer", customer, IntakeLimits.MAX_NAME);
        String problem = GenericSignalFormat.blankToNull(r.problem());
        if (problem == null) {
            throw new InvalidInputException(
                    "problem", "'problem' is missing: what the customer cannot do, such as 'see their line items'");
        }
        IntakeLimits.text("problem", problem, MAX_PROBLEM);
        String service = IntakeLimits.name("service", r.service());
        String environment = IntakeLimits.name("environment", r.environment());
        int affected = r.customersAffected() == null ? 1 : r.customersAffected();
        if (affected < 1 || affected > MAX_CUSTOMERS) {
            throw new InvalidInputException(
                    "customers_affected",
                    "'customers_affected' is between 1 and " + MAX_CUSTOMERS + ", not " + affected);
        }
        boolean widespread = Boolean.TRUE.equals(r.widespread());
        Map<String, String> labels = reportedBy == null ? Map.of() : Map.of("reported_by", reportedBy);
        return new Observation(
                Fingerprints.derived("report", service, environment, normalized(problem), Map.of("customer", customer)),
                SignalSource.REPORT,
                Observation.Action.TRIGGER,
                true,
                widespread ? Severity.ERROR : Severity.WARNING,
                IntakeLimits.truncate(problem, IntakeLimits.MAX_TITLE),
                problem.length() > IntakeLimits.MAX_TITLE ? problem : null,
                service,
                environment,
                labels,
                List.of(),
                List.of(),
                null,
                r.occurredAt(),
                null,
                receivedAt,
                new SignalUpdate.Report(customer, problem, affected, widespread),
                null);
    }

    /** The same words however they are cased and spaced. */
    private static String normalized(String problem) {
        return problem.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
