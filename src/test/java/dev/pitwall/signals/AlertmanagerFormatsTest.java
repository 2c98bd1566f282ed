package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pitwall.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerFormatsTest {

    static final Instant NOW = Instant.parse("2026-12-01T19:45:00Z");

    final AlertmanagerWebhookFormat webhook =
            new AlertmanagerWebhookFormat(TestSettings.properties(), TestSettings.JSON);
    final AlertmanagerApiFormat api = new AlertmanagerApiFormat(TestSettings.properties(), TestSettings.JSON);

    @Test
    void readsAFiringWebhookNotificationAsAlertmanagerSentIt() {
        List<Observation> observations = webhook.read(Payloads.bytes("alertmanager-webhook-firing.json"), NOW);

        assertThat(observations).hasSize(1);
        Observation o = observations.getFirst();
        assertThat(o.fingerprint()).isEqualTo("a372aa53f377cb0d");
        assertThat(o.source()).isEqualTo(SignalSource.ALERTMANAGER);
        assertThat(o.action()).isEqualTo(Observation.Action.TRIGGER);
        assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(o.title()).isEqualTo("Members can't see their line items");
        assertThat(o.description()).isEqualTo("5xx ratio on /proposals/*/line-items above 20% for 5 minutes");
        assertThat(o.service()).isEqualTo("proposals-app");
        assertThat(o.environment()).isEqualTo("production");
        assertThat(o.labels()).containsEntry("instance", "proposals-7f9c:8080").hasSize(5);
        assertThat(o.startedAt()).isEqualTo(Instant.parse("2026-12-01T19:41:14.0459653Z"));
        assertThat(o.endedAt()).isNull();
        assertThat(o.links()).extracting(SignalView.Link::text).containsExactly("Source", "Runbook", "Alertmanager");
        assertThat(o.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void aResolvedAlertInAWebhookResolvesAndAFiringOneStaysFiring() {
        List<Observation> observations = webhook.read(Payloads.bytes("alertmanager-webhook-mixed.json"), NOW);

        assertThat(observations)
                .extracting(Observation::fingerprint, Observation::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("da4198f7c7b60581", Observation.Action.TRIGGER),
                        org.assertj.core.groups.Tuple.tuple("a372aa53f377cb0d", Observation.Action.RESOLVE));
        assertThat(observations.get(1).endedAt()).isEqualTo(Instant.parse("2026-12-01T19:41:25.372Z"));
        assertThat(webhook.read(Payloads.bytes("alertmanager-webhook-resolved.json"), NOW))
                .extracting(Observation::action)
                .containsExactly(Observation.Action.RESOLVE);
    }

    @Test
    void anAmtoolAlertWithoutTimesFiresAndTakesServiceFromJobAndEnvironmentFromEnvironment() {
        Observation o =
                api.read(Payloads.bytes("amtool-alerts-firing.json"), NOW).getFirst();

        assertThat(o.action()).isEqualTo(Observation.Action.TRIGGER);
        assertThat(o.startedAt()).as("Go's zero time means none").isNull();
        assertThat(o.service()).isEqualTo("checkout");
        assertThat(o.environment()).isEqualTo("staging");
        assertThat(o.severity()).isEqualTo(Severity.WARNING);
        assertThat(o.links())
                .containsExactly(new SignalView.Link("https://grafana.example.com/d/checkout", "Dashboard"));
        assertThat(o.fingerprint()).isEqualTo(Fingerprints.alertmanager(o.labels()));
    }

    @Test
    void anAlertWhoseEndHasPassedIsResolvedAndDedupsWithTheWebhookCopy() {
        Observation o =
                api.read(Payloads.bytes("amtool-alerts-resolved.json"), NOW).getFirst();

        assertThat(o.action()).isEqualTo(Observation.Action.RESOLVE);
        assertThat(o.endedAt()).isEqualTo(Instant.parse("2026-12-01T19:43:00Z"));
        assertThat(o.fingerprint()).isEqualTo("a372aa53f377cb0d");
    }

    @Test
    void anEndInTheFutureIsStillFiring() {
        String body = "[{\"labels\":{\"alertname\":\"A\"},\"endsAt\":\"2026-12-01T19:49:00Z\"}]";

        assertThat(api.read(utf8(body), NOW).getFirst().action()).isEqualTo(Observation.Action.TRIGGER);
    }

    @Test
    void theServiceLabelsAreConfigurable() {
        AlertmanagerApiFormat byApp =
                new AlertmanagerApiFormat(TestSettings.properties(List.of("app", "service")), TestSettings.JSON);
        String body = "[{\"labels\":{\"alertname\":\"A\",\"app\":\"billing\",\"service\":\"other\",\"job\":\"node\"}}]";

        assertThat(byApp.read(utf8(body), NOW).getFirst().service()).isEqualTo("billing");
        assertThat(api.read(utf8(body), NOW).getFirst().service()).isEqualTo("other");
    }

    @Test
    void aSeverityLabelPitwallDoesNotKnowFallsBackToTheDefault() {
        String body = "[{\"labels\":{\"alertname\":\"A\",\"severity\":\"sev-unknown\"}},"
                + "{\"labels\":{\"alertname\":\"B\",\"severity\":\"page\"}}]";

        assertThat(api.read(utf8(body), NOW))
                .extracting(Observation::severity)
                .containsExactly(Severity.WARNING, Severity.CRITICAL);
    }

    @Test
    void refusesMoreThanAThousandAlertsInOneRequest() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= IntakeLimits.MAX_ALERTS; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"labels\":{\"alertname\":\"A")
                    .append(i)
                    .append("\"}}");
        }
        body.append("]");

        assertThatThrownBy(() -> api.read(utf8(body.toString()), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 1000 alerts");
        String notification = "{\"alerts\":" + body + "}";
        assertThatThrownBy(() -> webhook.read(utf8(notification), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max_alerts: 1000");
    }

    @Test
    void refusesALabelValueOverTenKilobytes() {
        String big = "x".repeat(10 * 1024 + 1);
        String body = "[{\"labels\":{\"alertname\":\"A\",\"query\":\"" + big + "\"}}]";

        assertThatThrownBy(() -> api.read(utf8(body), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'query' is 10241 bytes")
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("[0].labels.query");
    }

    @Test
    void countsTheBytesOfALabelValueNotItsCharacters() {
        String threeByteChars = "€".repeat(3500); // 10,500 bytes in 3,500 characters

        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{\"a\":\"" + threeByteChars + "\"}}]"), NOW))
                .hasMessageContaining("10500 bytes");
    }

    @Test
    void refusesWhatAlertmanagerRefuses() {
        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{}}]"), NOW)).hasMessageContaining("at least one label");
        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{\"a b\":\"x\"}}]"), NOW))
                .hasMessageContaining("not a valid label name");
        assertThatThrownBy(() -> api.read(utf8("{\"labels\":{\"a\":\"x\"}}"), NOW))
                .hasMessageContaining("JSON array of alerts");
        assertThatThrownBy(() -> api.read(
                        utf8(
                                "[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"2026-12-01T19:00:00Z\",\"endsAt\":\"2026-12-01T18:00:00Z\"}]"),
                        NOW))
                .hasMessageContaining("before its startsAt");
        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{\"a\":1}}]"), NOW))
                .hasMessageContaining("'[0].labels.a' must be a string");
        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{\"a\":\"x\"},\"startsAt\":\"yesterday\"}]"), NOW))
                .hasMessageContaining("'[0].startsAt' has the value 'yesterday'");
    }

    @Test
    void saysWhereTheJsonIsBroken() {
        assertThatThrownBy(() -> api.read(utf8("[{\"labels\":{\"a\":\"x\"}"), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> webhook.read(utf8("{\"status\":\"firing\"}"), NOW))
                .hasMessageContaining("no 'alerts'");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
