package dev.pitwall.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PagerDutyFormatTest {

    static final Instant NOW = Instant.parse("2026-12-01T19:45:00Z");

    final PagerDutyFormat format = new PagerDutyFormat(TestSettings.JSON);

    @Test
    void readsPagerDutysOwnTriggerExample() {
        PagerDutyFormat.Parsed event = format.read(Payloads.bytes("pagerduty-trigger.json"), NOW);

        assertThat(event.errors()).isEmpty();
        assertThat(event.routingKey()).isEqualTo("samplekeyhere");
        assertThat(event.dedupKey()).isEqualTo("samplekeyhere");
        Observation o = event.observation();
        assertThat(o.fingerprint()).isEqualTo("samplekeyhere");
        assertThat(o.source()).isEqualTo(SignalSource.PAGERDUTY);
        assertThat(o.action()).isEqualTo(Observation.Action.TRIGGER);
        assertThat(o.severity()).isEqualTo(Severity.INFO);
        assertThat(o.title()).isEqualTo("Example alert on host1.example.com");
        assertThat(o.startedAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(o.service()).as("from payload.group").isEqualTo("prod-datapipe");
        assertThat(o.labels())
                .containsEntry("component", "postgres")
                .containsEntry("class", "deploy")
                .containsKey("source");
        assertThat(o.details()).contains("\"ping time\":\"1500ms\"").contains("0.75");
        assertThat(o.links())
                .containsExactly(
                        new SignalView.Link("https://example.com/", "Link text"),
                        new SignalView.Link("https://monitoring.example.com", "Sample Monitoring Service"));
        assertThat(o.images())
                .containsExactly(new SignalView.Image(
                        "https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png",
                        "https://example.com/",
                        "Example text"));
    }

    @Test
    void acknowledgeAndResolveNeedNoPayloadAndCreateNothingNew() {
        PagerDutyFormat.Parsed ack = format.read(Payloads.bytes("pagerduty-acknowledge.json"), NOW);
        PagerDutyFormat.Parsed resolve = format.read(Payloads.bytes("pagerduty-resolve.json"), NOW);

        assertThat(ack.errors()).isEmpty();
        assertThat(ack.observation().action()).isEqualTo(Observation.Action.ACKNOWLEDGE);
        assertThat(ack.observation().createIfMissing()).isFalse();
        assertThat(resolve.observation().action()).isEqualTo(Observation.Action.RESOLVE);
        assertThat(resolve.dedupKey()).isEqualTo("dedupkeyhere");
    }

    @Test
    void makesADedupKeyForATriggerWithoutOne() {
        String body = "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":"
                + "{\"summary\":\"Disk full\",\"source\":\"db-1\",\"severity\":\"critical\"}}";

        PagerDutyFormat.Parsed first = format.read(AlertmanagerFormatsTest.utf8(body), NOW);
        PagerDutyFormat.Parsed second = format.read(AlertmanagerFormatsTest.utf8(body), NOW);

        assertThat(first.dedupKey()).matches("[0-9a-f]{32}").isNotEqualTo(second.dedupKey());
        assertThat(first.observation().fingerprint()).isEqualTo(first.dedupKey());
    }

    @Test
    void listsEveryProblemAsPagerDutyDoes() {
        String body = "{\"event_action\":\"trigger\",\"payload\":{\"severity\":\"urgent\"}}";

        PagerDutyFormat.Parsed event = format.read(AlertmanagerFormatsTest.utf8(body), NOW);

        assertThat(event.observation()).isNull();
        assertThat(event.errors())
                .containsExactlyInAnyOrder(
                        "'routing_key' is missing or blank",
                        "'payload.summary' is missing or blank",
                        "'payload.source' is missing or blank",
                        "'payload.severity' must be one of critical, error, warning or info");
    }

    @Test
    void refusesAnUnknownActionAndAnAcknowledgeWithoutKey() {
        assertThat(format.read(AlertmanagerFormatsTest.utf8("{\"routing_key\":\"k\",\"event_action\":\"page\"}"), NOW)
                        .errors())
                .containsExactly("'event_action' must be one of trigger, acknowledge or resolve");
        assertThat(format.read(
                                AlertmanagerFormatsTest.utf8(
                                        "{\"routing_key\":\"k\",\"event_action\":\"acknowledge\"}"),
                                NOW)
                        .errors())
                .singleElement()
                .asString()
                .contains("'dedup_key' is missing");
        assertThat(format.read(AlertmanagerFormatsTest.utf8("not json"), NOW).errors())
                .singleElement()
                .asString()
                .contains("not valid JSON");
    }
}
