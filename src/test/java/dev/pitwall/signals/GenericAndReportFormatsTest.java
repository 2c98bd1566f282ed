package dev.pitwall.signals;

import static dev.pitwall.signals.AlertmanagerFormatsTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.system.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenericAndReportFormatsTest {

    static final Instant NOW = Instant.parse("2026-12-01T19:45:00Z");

    final GenericSignalFormat generic = new GenericSignalFormat(TestSettings.JSON);
    final ReportFormat reports = new ReportFormat(TestSettings.JSON);

    @Test
    void readsEveryFieldOfAGenericSignal() {
        String body = """
                {"title": "Checkout latency above 2 s", "service": "checkout", "environment": "production",
                 "severity": "error", "description": "p99 2.4 s", "labels": {"region": "eu-west-1", "pod": 3},
                 "links": [{"href": "https://grafana/d/1", "text": "Dashboard"}, "https://runbook"],
                 "occurred_at": "2026-12-01T19:40:00+01:00"}""";

        Observation o = generic.read(utf8(body), NOW).getFirst();

        assertThat(o.source()).isEqualTo(SignalSource.GENERIC);
        assertThat(o.title()).isEqualTo("Checkout latency above 2 s");
        assertThat(o.severity()).isEqualTo(Severity.ERROR);
        assertThat(o.labels()).containsEntry("region", "eu-west-1").containsEntry("pod", "3");
        assertThat(o.links())
                .containsExactly(
                        new SignalView.Link("https://grafana/d/1", "Dashboard"),
                        new SignalView.Link("https://runbook", null));
        assertThat(o.startedAt()).isEqualTo(Instant.parse("2026-12-01T18:40:00Z"));
        assertThat(o.fingerprint())
                .isEqualTo(Fingerprints.derived("generic", "checkout", "production", o.title(), o.labels()));
    }

    @Test
    void aSenderKeyIsTheFingerprintAndResolvingNeedsNoTitle() {
        Observation o = generic.read(utf8("{\"fingerprint\":\"deploy-42\",\"status\":\"resolved\"}"), NOW)
                .getFirst();

        assertThat(o.fingerprint()).isEqualTo("deploy-42");
        assertThat(o.action()).isEqualTo(Observation.Action.RESOLVE);
        assertThat(o.createIfMissing()).isFalse();
    }

    @Test
    void refusesAnInvalidSeverityAMissingTitleAndOversizedLabels() {
        assertThatThrownBy(() -> generic.read(utf8("{\"title\":\"x\",\"severity\":\"apocalyptic\"}"), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        "'severity' has the unknown value 'apocalyptic'; use critical, error, warning or info");
        assertThatThrownBy(() -> generic.read(utf8("{\"service\":\"x\"}"), NOW))
                .hasMessageContaining("'title' is missing");
        assertThatThrownBy(() ->
                        generic.read(utf8("{\"title\":\"x\",\"labels\":{\"q\":\"" + "y".repeat(10_241) + "\"}}"), NOW))
                .hasMessageContaining("limited to 10240 bytes");
        assertThatThrownBy(() -> generic.read(utf8("{\"title\":\"" + "t".repeat(1025) + "\"}"), NOW))
                .hasMessageContaining("the limit is 1024");
        assertThatThrownBy(() -> generic.read(utf8("{\"title\":\"x\",\"status\":\"maybe\"}"), NOW))
                .hasMessageContaining("use firing, acknowledged or resolved");
    }

    @Test
    void aReportIsASignalPerCustomerAndProblem() {
        Observation first = reports.read(
                        utf8(
                                "{\"customer\":\"acme-42\",\"problem\":\"can't see  their LINE items\",\"service\":\"proposals-app\","
                                        + "\"customers_affected\":3}"),
                        NOW)
                .getFirst();
        Observation again = reports.read(
                        utf8(
                                "{\"customer_id\":\"acme-42\",\"problem\":\"Can't see their line items\",\"service\":\"proposals-app\"}"),
                        NOW)
                .getFirst();
        Observation otherCustomer = reports.read(
                        utf8(
                                "{\"customer\":\"globex\",\"problem\":\"can't see their line items\",\"service\":\"proposals-app\","
                                        + "\"widespread\":true}"),
                        NOW)
                .getFirst();

        assertThat(first.source()).isEqualTo(SignalSource.REPORT);
        assertThat(first.fingerprint()).isEqualTo(again.fingerprint()).isNotEqualTo(otherCustomer.fingerprint());
        assertThat(first.report())
                .isEqualTo(new SignalUpdate.Report("acme-42", "can't see  their LINE items", 3, false));
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(otherCustomer.severity()).isEqualTo(Severity.ERROR);
        assertThat(otherCustomer.report().widespread()).isTrue();
    }

    @Test
    void aReportNeedsACustomerAndAProblem() {
        assertThatThrownBy(() -> reports.read(utf8("{\"problem\":\"x\"}"), NOW))
                .hasMessageContaining("'customer' is missing");
        assertThatThrownBy(() -> reports.read(utf8("{\"customer\":\"x\"}"), NOW))
                .hasMessageContaining("'problem' is missing");
        assertThatThrownBy(() ->
                        reports.read(utf8("{\"customer\":\"x\",\"problem\":\"y\",\"customers_affected\":0}"), NOW))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(
                        () -> reports.read(utf8("{\"customer\":\"x\",\"problem\":\"y\",\"widespread\":\"yes\"}"), NOW))
                .hasMessageContaining("'widespread' must be true or false");
    }
}
